package dev.kiln.engine.executor.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.executor.ContainerStartException;
import dev.kiln.engine.executor.ExecSetupException;
import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.SecurityMode;
import dev.kiln.engine.executor.Ulimit;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** What runs and as whom: argv forms, env, cwd, users, exit codes, start failures. */
class RuncProcessTest extends RuncTestBase {
  @Test
  void shellFormStreamsBothOutputsAndPropagatesTheExitCode() throws Exception {
    Run r = run(sh("echo hello; echo oops >&2; exit 3"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("hello\n");
    assertThat(r.stderr()).isEqualTo("oops\n");
  }

  @Test
  void execFormKeepsArgumentsApart() throws Exception {
    Run r = run(Meta.builder("echo", "a  b", "c").build());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("a  b c\n");
    assertThat(run(Meta.builder("false").build()).exitCode()).isEqualTo(1);
  }

  @Test
  void defaultPathIsAddedOnlyWhenNoneIsSet() throws Exception {
    Run r = run(Meta.builder("env").env("FOO=bar").build());
    assertThat(r.stdout().lines())
        .contains("FOO=bar", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    Run custom = run(Meta.builder("/bin/env").env("PATH=/bin").build());
    assertThat(custom.stdout().lines()).contains("PATH=/bin").noneMatch(l -> l.contains("sbin"));
  }

  @Test
  void missingWorkingDirectoryIsCreatedForTheUser() throws Exception {
    Run r = run(Meta.builder("sh", "-c", "pwd; touch mine").cwd("/work/deep").user("app").build());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("/work/deep\n");
    assertThat(Files.getAttribute(rootfs.resolve("work/deep"), "unix:uid")).isEqualTo(1000);
    assertThat(rootfs.resolve("work/deep/mine")).exists();
  }

  @Test
  void workingDirectoryThroughAnEscapingSymlinkStaysInTheRootfs() throws Exception {
    Files.createSymbolicLink(rootfs.resolve("escape"), scratch.resolve("outside"));
    Run r = run(Meta.builder("pwd").cwd("/escape/x").build());
    assertThat(r.exitCode()).isZero();
    assertThat(scratch.resolve("outside")).doesNotExist();
    assertThat(rootfs.resolve(scratch.toString().substring(1)).resolve("outside/x")).isDirectory();
  }

  @Test
  void usersResolveByNameUidAndGroup() throws Exception {
    assertThat(ids("app")).isEqualTo("1000 1000 1000 2000");
    assertThat(ids("1000")).isEqualTo("1000 1000 1000 2000");
    assertThat(ids("1234:5678")).isEqualTo("1234 5678 5678");
    assertThat(ids("app:extra")).isEqualTo("1000 2000 2000");
    assertThat(ids("nobody:0")).isEqualTo("65534 0 0");
    assertThat(ids("")).isEqualTo("0 0 0");
  }

  private String ids(String user) throws Exception {
    Run r = run(Meta.shell("echo $(id -u) $(id -g) $(id -G)").user(user).build());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout().strip();
  }

  @Test
  void unknownUserIsAClearSetupError() {
    assertThatThrownBy(() -> run(Meta.builder("true").user("ghost").build()))
        .isInstanceOf(ExecSetupException.class)
        .hasMessage("unable to find user ghost: no matching entries in passwd file");
    assertThatThrownBy(() -> run(Meta.builder("true").user("app:ghosts").build()))
        .isInstanceOf(ExecSetupException.class)
        .hasMessageContaining("unable to find group ghosts");
  }

  @Test
  void missingExecutableIsARuntimeErrorWithRuncsText() {
    assertThatThrownBy(() -> run(Meta.builder("nope").build()))
        .isInstanceOf(ContainerStartException.class)
        .hasMessageContaining("exec: \"nope\": executable file not found in $PATH");
  }

  @Test
  void ulimitsBecomeRlimits() throws Exception {
    Run r = run(Meta.shell("ulimit -n; ulimit -Hn").ulimit(new Ulimit("nofile", 512, 2048)).build());
    assertThat(r.stdout()).isEqualTo("512\n2048\n");
  }

  @Test
  void sandboxHasDefaultCapabilitiesAndInsecureHasAll() throws Exception {
    assertThat(capEff(SecurityMode.SANDBOX)).isEqualTo("00000000a80425fb");
    assertThat(Long.parseLong(capEff(SecurityMode.INSECURE), 16)).isGreaterThan(0xffffffffL);
    Run sys = run(Meta.shell("touch /sys/kiln 2>&1; cat /proc/kcore >/dev/null 2>&1; echo $?")
        .security(SecurityMode.SANDBOX).build());
    assertThat(sys.stdout()).contains("Read-only file system");
  }

  private String capEff(SecurityMode mode) throws Exception {
    Run r = run(Meta.shell("grep CapEff /proc/self/status").security(mode).build());
    return r.stdout().strip().split("\\s+")[1];
  }
}
