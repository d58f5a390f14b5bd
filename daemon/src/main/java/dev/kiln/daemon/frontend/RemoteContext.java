package dev.kiln.daemon.frontend;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.ops.InvalidDefinitionException;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.LocalDirs;
import dev.kiln.engine.source.SecretStore;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.State;
import dev.kiln.solver.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A build context given as a URL (frontend option {@code context}, as BuildKit's clients send
 * {@code docker build URL}): a git repository ({@code https://host/repo.git#ref:dir}, {@code
 * git://…}, {@code git@host:repo}) or an archive over http(s), unpacked. The engine fetches it
 * once per build as a git or http source — cached by commit or content like any source — and it
 * then stands in for the client's {@code context} and {@code dockerfile} directories, so the
 * Dockerfile is read from it and COPY reads it like a local context. Close after the build.
 */
public final class RemoteContext implements LocalDirs, AutoCloseable {
  private static final Pattern GIT = Pattern.compile("^(git://|ssh://|git@|https?://[^#]+\\.git(#.*)?$)");

  private final String url;
  private final LocalDirs fallback;
  private final Engine engine;
  private final SecretStore secrets;
  private final ProgressListener progress;
  private SolveResult result;
  private MountedTree tree;

  private RemoteContext(String url, LocalDirs fallback, Engine engine, SecretStore secrets, ProgressListener progress) {
    this.url = url;
    this.progress = progress;
    this.fallback = fallback;
    this.engine = engine;
    this.secrets = secrets;
  }

  /** The remote context {@code context} names, or empty for a local build context. */
  public static Optional<RemoteContext> of(String context, LocalDirs fallback, Engine engine, SecretStore secrets,
      ProgressListener progress) {
    if (context == null || !(GIT.matcher(context).find() || context.startsWith("http://") || context.startsWith("https://"))) {
      return Optional.empty();
    }
    return Optional.of(new RemoteContext(context, fallback, engine, secrets, progress));
  }

  static boolean isGit(String url) {
    return GIT.matcher(url).find();
  }

  /** The LLB that fetches the context: a git checkout, or the downloaded archive unpacked. */
  static State state(String url) {
    if (isGit(url)) {
      int hash = url.indexOf('#');
      return State.git(hash < 0 ? url : url.substring(0, hash), hash < 0 ? "" : url.substring(hash + 1),
          o -> o.keepGitDir().customName("[internal] load git source " + url));
    }
    State download = State.http(url, o -> o.filename("context").customName("[internal] load remote build context"));
    return State.scratch().file(FileAction.copy(download, "/context", "/", o -> o.attemptUnpack()),
        o -> o.customName("[internal] unpack remote build context"));
  }

  @Override
  public synchronized Optional<Path> get(String name, Request request) throws IOException {
    if (!name.equals("context") && !name.equals("dockerfile")) return fallback.get(name, request);
    if (tree == null) {
      try {
        SolveRequest solve = new SolveRequest(new BuildInputs(LocalDirs.NONE, secrets), false, Set.of(), progress);
        result = engine.solve(state(url).marshal(MarshalOptions.defaults()), solve);
        tree = result.open();
      } catch (IOException | InvalidDefinitionException | RuntimeException e) {
        throw new IOException("cannot fetch the build context " + url + ": " + e.getMessage(), e);
      }
    }
    return Optional.of(tree.root());
  }

  @Override
  public synchronized void close() throws IOException {
    if (tree != null) tree.close();
    if (result != null) result.close();
  }
}
