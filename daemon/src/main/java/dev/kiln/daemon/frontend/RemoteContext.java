package dev.kiln.daemon.frontend;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.ops.InvalidDefinitionException;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.SshAgents;
import dev.kiln.engine.source.LocalDirs;
import dev.kiln.engine.source.SecretStore;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.State;
import dev.kiln.solver.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A build context given as a URL (frontend option {@code context}, as BuildKit's clients send
 * {@code docker build URL}): a git repository ({@code https://host/repo.git#ref:dir}, {@code
 * git://…}, {@code git@host:repo}) or an archive over http(s), unpacked. The engine fetches it
 * once per build as a git or http source — cached by commit or content like any source — and it
 * then stands in for the client's {@code context} and {@code dockerfile} directories, so the
 * Dockerfile is read from it and COPY reads it like a local context. A download that is not an
 * archive is the Dockerfile itself, with an empty context. Close after the build.
 */
public final class RemoteContext implements LocalDirs, AutoCloseable {
  private static final Pattern GIT = Pattern.compile("^(git://|ssh://|git@|https?://[^#]+\\.git(#.*)?$)");

  /** The downloaded file's name, as BuildKit names it. */
  private static final String DOWNLOAD = "context";

  private final String url;
  private final LocalDirs fallback;
  private final Engine engine;
  private final SecretStore secrets;
  private final SshAgents sshAgents;
  private final ProgressListener progress;
  private final String filename;
  private SolveResult result;
  private MountedTree tree;
  private Path contextDir;
  private Path dockerfileDir;
  private Path scratch;

  private RemoteContext(String url, String filename, LocalDirs fallback, Engine engine, SecretStore secrets,
      SshAgents sshAgents, ProgressListener progress) {
    this.url = url;
    this.filename = filename;
    this.progress = progress;
    this.fallback = fallback;
    this.engine = engine;
    this.secrets = secrets;
    this.sshAgents = sshAgents;
  }

  /**
   * The remote context {@code context} names, or empty for a local build context. An ssh git
   * remote is reached with the client's forwarded agent, as the build's own git sources are.
   */
  public static Optional<RemoteContext> of(String context, String filename, LocalDirs fallback, Engine engine,
      SecretStore secrets, SshAgents sshAgents, ProgressListener progress) {
    if (context == null || !(GIT.matcher(context).find() || context.startsWith("http://") || context.startsWith("https://"))) {
      return Optional.empty();
    }
    return Optional.of(new RemoteContext(context, filename, fallback, engine, secrets, sshAgents, progress));
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
    State download = State.http(url, o -> o.filename(DOWNLOAD).customName("[internal] load remote build context"));
    return State.scratch().file(FileAction.copy(download, "/" + DOWNLOAD, "/", o -> o.attemptUnpack()),
        o -> o.customName("[internal] unpack remote build context"));
  }

  @Override
  public synchronized Optional<Path> get(String name, Request request) throws IOException {
    if (!name.equals("context") && !name.equals("dockerfile")) return fallback.get(name, request);
    if (tree == null) {
      try {
        SolveRequest solve = new SolveRequest(new BuildInputs(LocalDirs.NONE, secrets).withSshAgents(sshAgents), false, Set.of(), progress);
        result = engine.solve(state(url).marshal(MarshalOptions.defaults()), solve);
        tree = result.open();
      } catch (IOException | InvalidDefinitionException | RuntimeException e) {
        throw new IOException("cannot fetch the build context " + url + ": " + e.getMessage(), e);
      }
      if (!isGit(url) && onlyTheDownload(tree.root())) {
        plainDockerfile(tree.root().resolve(DOWNLOAD));
      } else {
        contextDir = tree.root();
        dockerfileDir = tree.root();
      }
    }
    return Optional.of(name.equals("context") ? contextDir : dockerfileDir);
  }

  /** Not an archive: as in BuildKit, the file is the Dockerfile and the context is empty. */
  private void plainDockerfile(Path file) throws IOException {
    scratch = Files.createTempDirectory("kiln-remote-dockerfile-");
    contextDir = Files.createDirectory(scratch.resolve("context"));
    dockerfileDir = Files.createDirectory(scratch.resolve("dockerfile"));
    Path target = dockerfileDir.resolve(filename).normalize();
    if (!target.startsWith(dockerfileDir)) throw new IOException("invalid Dockerfile name " + filename);
    Files.createDirectories(target.getParent());
    Files.copy(file, target);
  }

  private static boolean onlyTheDownload(Path root) throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      List<Path> all = entries.toList();
      return all.size() == 1 && all.getFirst().getFileName().toString().equals(DOWNLOAD)
          && Files.isRegularFile(all.getFirst(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (tree != null) tree.close();
    if (result != null) result.close();
    if (scratch != null) Trees.deleteRecursively(scratch);
  }
}
