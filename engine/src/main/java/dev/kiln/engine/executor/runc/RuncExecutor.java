package dev.kiln.engine.executor.runc;

import dev.kiln.engine.executor.ContainerStartException;
import dev.kiln.engine.executor.ExecCancelledException;
import dev.kiln.engine.executor.ExecException;
import dev.kiln.engine.executor.ExecRequest;
import dev.kiln.engine.executor.ExecResult;
import dev.kiln.engine.executor.ExecSetupException;
import dev.kiln.engine.executor.Executor;
import dev.kiln.engine.executor.oci.MountStubs;
import dev.kiln.engine.fs.Trees;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Runs each request as a fresh runc container: {@code runc run} in the foreground with its output
 * streamed to the request's sinks, then removal of everything the run created. Thread-safe.
 */
public final class RuncExecutor implements Executor {
  private static final System.Logger LOG = System.getLogger(RuncExecutor.class.getName());

  private final RuncConfig config;
  private final Runc runc;
  private final ContainerKiller killer;
  private final SharedEtcFiles etcFiles;

  private RuncExecutor(RuncConfig config) {
    this.config = config;
    this.runc = new Runc(config.runc(), config.runcRoot());
    this.killer = new ContainerKiller(runc);
    this.etcFiles = new SharedEtcFiles(config.sharedEtcFiles());
  }

  /**
   * An executor over {@code config}, after {@link #sweep() sweeping} what a crashed predecessor
   * left. Call once per state root, before any run.
   */
  public static RuncExecutor open(RuncConfig config) throws IOException {
    if (!Files.isExecutable(config.runc())) {
      throw new IOException(
          "runc not found at " + config.runc() + ": install it (Debian: apt-get install runc)");
    }
    if (!config.runRoot().equals(config.stateRoot())) {
      // In a shared directory such as /dev/shm: ours alone, or another user could change a bundle
      // between its writing and runc reading it.
      Files.createDirectories(config.runRoot(), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      Bundle.checkPrivate(config.runRoot());
      // The marker tells a later engine whether this directory's state root still exists.
      Files.createDirectories(config.stateRoot());
      StaleRunDirs.mark(config.runRoot(), config.stateRoot());
      StaleRunDirs.sweep(config.runRoot().getParent(), config.runRoot());
    }
    RuncExecutor executor = new RuncExecutor(config);
    executor.sweep();
    return executor;
  }

  /**
   * Removes all containers, bundles, shared /etc files and secret files under the state root, and
   * the empty cgroup parent. Not during runs.
   */
  public void sweep() throws IOException {
    // runc keeps a directory per container under its root: none means nothing to ask runc about
    // (spawning it costs tens of milliseconds at every start).
    if (Files.isDirectory(config.runcRoot()) && !Trees.isEmptyDirectory(config.runcRoot())) {
      for (String id : runc.list()) {
        runc.deleteForce(id);
      }
    }
    Bundle.deleteTree(config.bundles());
    Bundle.deleteTree(config.secretsRoot());
    etcFiles.clear();
    CgroupParent.removeEmpty(config.cgroupParent());
  }

  /**
   * Removes this root's directories on tmpfs (secrets, bundles, runc state) once no run uses them:
   * they are empty then, but one set per state root would otherwise pile up in /dev/shm.
   */
  public void close() throws IOException {
    etcFiles.clear();
    removeIfEmpty(config.secretsRoot(), "secrets directory");
    if (!config.runRoot().equals(config.stateRoot())) {
      removeIfEmpty(config.bundles(), "bundle directory");
      removeIfEmpty(config.runcRoot(), "runc state directory");
      Path marker = config.runRoot().resolve(StaleRunDirs.MARKER);
      try (var entries = Files.list(config.runRoot())) {
        if (entries.allMatch(marker::equals)) Files.deleteIfExists(marker);
      } catch (java.nio.file.NoSuchFileException e) {
        return;
      }
      removeIfEmpty(config.runRoot(), "run directory");
    }
  }

  private static void removeIfEmpty(Path dir, String what) throws IOException {
    try {
      Files.deleteIfExists(dir);
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      LOG.log(Level.WARNING, what + " " + dir + " still in use at close");
    }
  }

  @Override
  public ExecResult run(ExecRequest request) throws ExecException, InterruptedException {
    if (request.cancel().isCancelled()) {
      throw new ExecCancelledException("cancelled before the container started");
    }
    long started = System.nanoTime();
    String id = ContainerIds.next();
    Bundle bundle = createBundle(id);
    MountStubs stubs = null;
    try {
      stubs = ContainerSetup.prepare(request, bundle, etcFiles, config.cgroupParent() + "/" + id);
      int exitCode = execute(request, bundle, id);
      return new ExecResult(exitCode, Duration.ofNanos(System.nanoTime() - started));
    } finally {
      cleanup(id, bundle, stubs);
    }
  }

  private Bundle createBundle(String id) throws ExecSetupException {
    try {
      return Bundle.create(config, id);
    } catch (IOException e) {
      throw new ExecSetupException("cannot create bundle under " + config.bundles() + ": " + e, e);
    }
  }

  private int execute(ExecRequest request, Bundle bundle, String id)
      throws ExecException, InterruptedException {
    Process process = startRunc(bundle, id);
    var stdio = request.stdio();
    Future<?> out = OutputPump.start(process.getInputStream(), stdio.stdout());
    Future<?> err = OutputPump.start(process.getErrorStream(), stdio.stderr());
    int exitCode;
    Thread self = Thread.currentThread();
    try (var _ = request.cancel().register(self::interrupt)) {
      exitCode = process.waitFor();
    } catch (InterruptedException e) {
      Thread.interrupted(); // a handle cancel may have raced in; cleanup needs a clear flag
      killer.killAndReap(id, process);
      killer.joinQuietly(out, err);
      if (request.cancel().isCancelled()) {
        throw new ExecCancelledException("container " + id + " was cancelled and removed");
      }
      throw e;
    }
    if (request.cancel().isCancelled()) {
      Thread.interrupted(); // the handle's interrupt came after the process ended: ignore it
    }
    OutputPump.await(out);
    OutputPump.await(err);
    if (exitCode != 0 && !Files.exists(bundle.pidFile())) {
      String error = RuncLog.errors(bundle.logFile());
      throw new ContainerStartException(error.isEmpty()
          ? "runc run exited with status " + exitCode + " before the process started"
          : error);
    }
    return exitCode;
  }

  private Process startRunc(Bundle bundle, String id) throws ExecSetupException {
    try {
      return runc.startRun(id, bundle.dir(), bundle.pidFile(), bundle.logFile());
    } catch (IOException e) {
      throw new ExecSetupException("cannot start " + config.runc() + ": " + e.getMessage(), e);
    }
  }

  /** Best effort, in dependency order: container (and its mounts), then stubs, then files. */
  private void cleanup(String id, Bundle bundle, MountStubs stubs) {
    try {
      if (runc.hasState(id)) {
        runc.deleteForce(id); // normally `runc run` already deleted it on exit
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete container " + id, e);
    }
    try {
      if (stubs != null) {
        stubs.remove();
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot remove mount stubs of container " + id, e);
    }
    try {
      bundle.delete();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot remove bundle " + bundle.dir(), e);
    }
  }
}
