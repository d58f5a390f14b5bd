package dev.kiln.engine.executor.runc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.ExecMount;
import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.snapshot.MountSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bind, tmpfs, secret and snapshot mounts, and the stubs runc leaves for them. */
class RuncMountsTest extends RuncTestBase {
  @Test
  void readonlyBindOfASelectedSubdirectory() throws Exception {
    Path src = Files.createDirectories(scratch.resolve("ctx/sub"));
    Files.writeString(src.resolve("file"), "selected\n");
    Files.writeString(scratch.resolve("ctx/other"), "not selected\n");
    Run r = run(sh("cat /mnt/file; ls /mnt; touch /mnt/new 2>&1"),
        List.of(new ExecMount.Bind("/mnt", src, true)));
    assertThat(r.stdout()).startsWith("selected\nfile\n").contains("Read-only file system");
    assertThat(src.resolve("new")).doesNotExist();
  }

  @Test
  void readWriteBindAndSnapshotMountsWriteThrough() throws Exception {
    Path a = Files.createDirectories(scratch.resolve("a"));
    Path b = Files.createDirectories(scratch.resolve("b"));
    Run r = run(sh("echo 1 > /a/f && echo 2 > /b/f"), List.of(
        new ExecMount.Bind("/a", a, false),
        new ExecMount.Snapshot("/b", MountSpec.bind(b.toString(), false))));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(a.resolve("f")).hasContent("1");
    assertThat(b.resolve("f")).hasContent("2");
  }

  @Test
  void tmpfsHasItsSizeAndIsNotPersisted() throws Exception {
    Run r = run(sh("echo x > /tmp/scratch/f && cat /tmp/scratch/f; "
            + "dd if=/dev/zero of=/tmp/scratch/big bs=1024 count=2048 2>&1 | grep -c 'No space'"),
        List.of(new ExecMount.Tmpfs("/tmp/scratch", 1024 * 1024)));
    assertThat(r.stdout()).isEqualTo("x\n1\n");
    assertThat(rootfs.resolve("tmp/scratch")).doesNotExist(); // content gone, stub removed
    assertThat(rootfs.resolve("tmp")).isDirectory();
  }

  @Test
  void secretIsReadableWithItsOwnerAndModeAndLeavesNoTrace() throws Exception {
    byte[] token = "s3cret".getBytes(StandardCharsets.UTF_8);
    var secret = new ExecMount.Secret("/run/secrets/token", token, 1000, 1000, 0400);
    Run r = run(Meta.shell("cat /run/secrets/token; echo; stat -c '%u %g %a' /run/secrets/token")
        .user("app").removeMountStubsRecursive(true).build(), List.of(secret));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("s3cret\n1000 1000 400\n");
    assertThat(rootfs.resolve("run")).doesNotExist();
    assertThat(secret.toString()).doesNotContain("s3cret");
    try (var left = Files.list(config.secretsRoot())) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void closingTheExecutorRemovesItsSecretsDirectory() throws Exception {
    RuncConfig own = RuncConfig.defaults(scratch.resolve("another-root"));
    RuncExecutor other = RuncExecutor.open(own);
    Files.createDirectories(own.secretsRoot()); // as a run with a secret leaves it: empty
    other.close();
    assertThat(own.secretsRoot()).doesNotExist(); // on /dev/shm: one per state root would pile up
    assertThat(own.runRoot()).doesNotExist();
  }

  @Test
  void sshSocketGetsTheRequestedOwnerAndMode() throws Exception {
    Path sock = scratch.resolve("agent.sock");
    try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(sock));
      Run r = run(sh("stat -c '%u %g %a %F' /run/ssh.sock"),
          List.of(new ExecMount.SshSocket("/run/ssh.sock", sock, 1000, 1000, 0600)));
      assertThat(r.stdout()).isEqualTo("1000 1000 600 socket\n");
    }
  }

  @Test
  void mountStubsAreRemovedLeafOnlyOrRecursively() throws Exception {
    Path src = Files.createDirectories(scratch.resolve("src"));
    List<ExecMount> deep = List.of(new ExecMount.Bind("/a/b/c", src, true));
    run(Meta.builder("true").build(), deep);
    assertThat(rootfs.resolve("a/b")).isDirectory();
    assertThat(rootfs.resolve("a/b/c")).doesNotExist();

    Files.delete(rootfs.resolve("a/b"));
    Files.delete(rootfs.resolve("a"));
    run(Meta.builder("true").removeMountStubsRecursive(true).build(), deep);
    assertThat(rootfs.resolve("a")).doesNotExist();
    assertThat(rootfs.resolve("etc/hosts")).doesNotExist();
  }

  @Test
  void stubsTheProcessWroteIntoAreKept() throws Exception {
    Run r = run(Meta.shell("mkdir -p /x/y/kept; echo hi > /x/y/kept/f")
            .removeMountStubsRecursive(true).build(),
        List.of(new ExecMount.Tmpfs("/x/y/tmp", 0)));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(rootfs.resolve("x/y/kept/f")).hasContent("hi");
    assertThat(rootfs.resolve("x/y/tmp")).doesNotExist();
  }
}
