package dev.kiln.daemon.gateway;

import dev.kiln.engine.SolveResult;
import dev.kiln.engine.source.LocalDirs;
import dev.kiln.proto.pb.Definition;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A build the client drives through LLBBridge (buildkit-wire §2.4 "gateway forwarding"): the
 * {@code Control.Solve} waits here until the client's {@code Return} names the result. Refs handed
 * out by {@code LLBBridge.Solve} are lazy: ids for definitions solved only after Return. Thread-safe.
 */
public final class GatewayBuild {
  private final LocalDirs locals;
  private final String sessionId;
  private final RefSolver solver;
  private final Map<String, Definition> refs = new HashMap<>();
  private Definition result;
  private String error;

  /** Solves a ref's definition when the client reads from it (ReadFile, ReadDir, StatFile). */
  @FunctionalInterface
  public interface RefSolver {
    SolveResult solve(Definition definition) throws Exception;
  }

  public GatewayBuild(LocalDirs locals, String sessionId, RefSolver solver) {
    this.locals = locals;
    this.sessionId = sessionId;
    this.solver = solver;
  }

  RefSolver solver() {
    return solver;
  }

  LocalDirs locals() {
    return locals;
  }

  String sessionId() {
    return sessionId;
  }

  synchronized String addRef(Definition definition) {
    String id = UUID.randomUUID().toString();
    refs.put(id, definition);
    return id;
  }

  synchronized Definition ref(String id) {
    return refs.get(id);
  }

  synchronized void complete(Definition definition) {
    result = definition;
    notifyAll();
  }

  synchronized void fail(String message) {
    error = message;
    notifyAll();
  }

  /** Blocks until the client returns a result or an error, or its session ends. */
  public synchronized Definition awaitResult(DaemonSession session) throws IOException, InterruptedException {
    while (result == null && error == null) {
      if (session != null && session.isEnded()) {
        throw new IOException("the client ended its session before returning a result");
      }
      wait(1000);
    }
    if (error != null) {
      throw new IOException(error);
    }
    return result;
  }
}
