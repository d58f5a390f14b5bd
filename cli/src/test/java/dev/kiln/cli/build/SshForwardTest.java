package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ssh}: a real ssh-agent on the client side holds a key; {@code ssh-add -l} inside a RUN
 * step lists it through the forwarded socket. Needs root, runc and openssh-client.
 */
class SshForwardTest {
  @TempDir Path tmp;

  @Test
  void runStepsReachTheClientsAgent() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-agent")), "openssh-client not installed (scripts/test installs it)");
    Path rootfs = withSshAdd(BusyboxTree.create(tmp.resolve("rootfs")));
    Path agentSocket = tmp.resolve("agent.sock");
    Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", agentSocket.toString()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("agent.log").toFile()).start();
    try {
      Instant deadline = Instant.now().plusSeconds(10);
      while (!Files.exists(agentSocket) && Instant.now().isBefore(deadline)) Thread.sleep(20);
      run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kiln-test-key", "-f", tmp.resolve("key").toString()), null);
      run(List.of("ssh-add", tmp.resolve("key").toString()), agentSocket);

      State state = State.local("rootfs").run(r -> r.shlex("sh -c 'ssh-add -l > /agent.txt'").ssh()).root();
      byte[] def = state.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")).toByteArray();
      Path out = tmp.resolve("out");
      Cli r = Cli.run(def, "build", "--local", "rootfs=" + rootfs, "--ssh", "default=" + agentSocket,
          "-o", "type=local,dest=" + out, "--root", tmp.resolve("state").toString(), "--progress", "plain");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(out.resolve("agent.txt")).content().contains("kiln-test-key").contains("ED25519");

      Cli missing = Cli.run(def, "build", "--local", "rootfs=" + rootfs, "--no-cache",
          "--root", tmp.resolve("state").toString(), "--progress", "plain");
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.err()).contains("no SSH agent for id 'default'");
    } finally {
      agent.destroyForcibly();
    }
  }

  @Test
  void runStepsReachKeyFilesServedByTheClient() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "openssh-client not installed (scripts/test installs it)");
    Path rootfs = withSshAdd(BusyboxTree.create(tmp.resolve("rootfs")));
    Path key = tmp.resolve("id_rsa");
    run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "kiln-file-key", "-f", key.toString()), null);

    // ssh-add -T signs through the agent and checks the signature with the public key
    State state = State.local("rootfs").run(r -> r.shlex("sh -c 'ssh-add -l > /agent.txt && ssh-add -T /key.pub && echo "
        + "signed >> /agent.txt'").ssh()).root();
    Files.copy(Path.of(key + ".pub"), rootfs.resolve("key.pub"));
    byte[] def = state.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")).toByteArray();
    Path out = tmp.resolve("out");
    Cli r = Cli.run(def, "build", "--local", "rootfs=" + rootfs, "--ssh", "default=" + key,
        "-o", "type=local,dest=" + out, "--root", tmp.resolve("state").toString(), "--progress", "plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("agent.txt")).content().contains("kiln-file-key (RSA)").contains("signed");

    Path encrypted = tmp.resolve("id_encrypted");
    run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", encrypted.toString()), null);
    Cli refused = Cli.run(def, "build", "--local", "rootfs=" + rootfs, "--ssh", "default=" + encrypted,
        "--root", tmp.resolve("state").toString(), "--progress", "plain");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains(encrypted.toString()).contains("encrypted");
  }

  /** Adds ssh-add and the shared libraries it links to, at their host paths. */
  private static Path withSshAdd(Path rootfs) throws Exception {
    Path sshAdd = Path.of("/usr/bin/ssh-add");
    copy(sshAdd, rootfs);
    Process ldd = new ProcessBuilder("ldd", sshAdd.toString()).start();
    String libs = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ldd.waitFor();
    Matcher m = Pattern.compile("(/\\S+)").matcher(libs);
    while (m.find()) copy(Path.of(m.group(1)).toRealPath(), rootfs, Path.of(m.group(1)));
    return rootfs;
  }

  private static void copy(Path file, Path rootfs) throws IOException {
    copy(file, rootfs, file);
  }

  private static void copy(Path file, Path rootfs, Path at) throws IOException {
    Path target = rootfs.resolve(at.toString().substring(1));
    Files.createDirectories(target.getParent());
    if (!Files.exists(target)) Files.copy(file, target);
  }

  private static void run(List<String> command, Path agentSocket) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (agentSocket != null) pb.environment().put("SSH_AUTH_SOCK", agentSocket.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(command + ": " + output);
  }
}
