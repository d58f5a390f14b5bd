package dev.kiln.engine.executor.runc;

import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.engine.executor.ExecMount;
import dev.kiln.engine.executor.ExecRequest;
import dev.kiln.engine.executor.ExecResult;
import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.RootFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration fixture: a real runc executor over a temp state root and a fresh busybox rootfs per
 * test. Needs root and runc; fails (never skips) without them, so CI cannot pass vacuously.
 */
abstract class RuncTestBase {
  @TempDir static Path stateRoot;
  static RuncConfig config;
  static RuncExecutor executor;

  @TempDir Path scratch;
  Path rootfs;

  /** One finished run with its output. */
  record Run(ExecResult result, String stdout, String stderr) {
    int exitCode() {
      return result.exitCode();
    }
  }

  @BeforeAll
  static void openExecutor() throws IOException {
    if (!Files.isExecutable(RuncConfig.DEFAULT_RUNC)) {
      fail("runc is required for executor integration tests: apt-get install runc");
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("executor integration tests must run as root (runc creates namespaces and mounts)");
    }
    if (!Files.isExecutable(BusyboxRootfs.BUSYBOX)) {
      fail("a static busybox is required at /bin/busybox: apt-get install busybox-static");
    }
    RuncConfig defaults = RuncConfig.defaults(stateRoot);
    // A cgroup parent of its own: the tests check that theirs is removed, and the host may run
    // other Kiln containers under the default "kiln" meanwhile.
    config = new RuncConfig(defaults.stateRoot(), defaults.runc(), defaults.secretsRoot(),
        "kiln-test-" + ProcessHandle.current().pid() + "-" + stateRoot.getFileName(), defaults.runRoot());
    executor = RuncExecutor.open(config);
  }

  @AfterAll
  static void sweep() throws IOException {
    if (executor != null) {
      executor.sweep();
      executor.close();
    }
  }

  @BeforeEach
  void createRootfs() throws IOException {
    rootfs = BusyboxRootfs.create(Files.createDirectories(scratch.resolve("rootfs")));
  }

  Run run(Meta meta) throws Exception {
    return run(meta, List.of());
  }

  Run run(Meta meta, List<ExecMount> mounts) throws Exception {
    return run(rootfs, meta, mounts);
  }

  Run run(Path root, Meta meta, List<ExecMount> mounts) throws Exception {
    Captured c = new Captured();
    ExecRequest request =
        ExecRequest.of(meta, RootFs.readWrite(root)).withMounts(mounts).withStdio(c.stdio());
    ExecResult result = executor.run(request);
    return new Run(result, c.stdout(), c.stderr());
  }

  static Meta sh(String script) {
    return Meta.shell(script).build();
  }
}
