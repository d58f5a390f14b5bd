package dev.kiln.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake op with call counters (like BuildKit's scheduler_test). Its output is
 * {@code name(input values...)} unless {@link #output} is set; it can be gated, fail, or key inputs by
 * content.
 */
final class FakeOp implements Op {
  final String name;
  final TestWorker worker;
  volatile String digest;
  volatile String output;
  volatile int outputs = 1;
  volatile RuntimeException failure;
  volatile List<CacheMap.Dep> deps;
  /** When set, exec waits for it (interruptibly). */
  volatile CountDownLatch gate;
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch interrupted = new CountDownLatch(1);
  final AtomicInteger execs = new AtomicInteger();
  final AtomicInteger cacheMaps = new AtomicInteger();
  final AtomicInteger digests = new AtomicInteger();

  FakeOp(String name, TestWorker worker) {
    this.name = name;
    this.worker = worker;
    this.digest = "sha256:op-" + name;
  }

  /** Keys every input by a checksum of its value (the fake's "content"). */
  FakeOp contentKeyed(String selector, int inputs) {
    var list = new ArrayList<CacheMap.Dep>();
    for (int i = 0; i < inputs; i++) {
      list.add(CacheMap.Dep.content(selector, (ctx, input) -> {
        digests.incrementAndGet();
        return "sha256:content-" + TestWorker.value(input);
      }));
    }
    deps = list;
    return this;
  }

  @Override
  public CacheMap cacheMap(OpContext ctx) {
    cacheMaps.incrementAndGet();
    var d = deps;
    return d != null ? new CacheMap(digest, d) : CacheMap.of(digest, ctx.vertex().inputs().size());
  }

  @Override
  public List<Result> exec(OpContext ctx, List<Result> inputs) throws InterruptedException {
    execs.incrementAndGet();
    started.countDown();
    ctx.progress().log(1, ("running " + name + "\n").getBytes());
    var g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    String value = output != null ? output
        : name + inputs.stream().map(TestWorker::value).toList();
    var results = new ArrayList<Result>();
    for (int i = 0; i < outputs; i++) {
      results.add(worker.newResult(outputs == 1 ? value : value + "#" + i));
    }
    return results;
  }
}
