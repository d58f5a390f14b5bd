package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.daemon.Daemon;
import dev.kiln.engine.source.testing.GitRepos;
import dev.kiln.engine.source.testing.GitSshServer;
import dev.kiln.engine.source.testing.TestSshAgent;
import io.grpc.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln build --ssh default=<agent>} of a Dockerfile that ADDs an ssh git remote, against
 * kilnd on a unix socket: the git source reaches the client's agent through the session, as a
 * {@code RUN --mount=type=ssh} does, and checks the host key against the daemon user's
 * known_hosts; the same remote as the build context. Needs openssh-client (ssh-agent, ssh-keygen, ssh-add).
 */
class GitSshBuildTest {
  @TempDir Path tmp;

  @Test
  void addsAnSshRemoteThroughTheClientsForwardedAgent() throws Exception {
    GitRepos repos = new GitRepos(tmp.resolve("repos"));
    GitRepos.Work app = repos.work("app").write("README", "from ssh\n")
        .write("Dockerfile", "FROM scratch\nCOPY README /context/\n");
    app.commit("first");
    app.run("tag", "v1");
    app.publish();
    Path home = Files.createDirectories(tmp.resolve("daemon-home/.ssh")).getParent();
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Path socket = tmp.resolve("run/kilnd.sock");
    Path out = tmp.resolve("out");
    String previousHome = System.getProperty("user.home");
    try (TestSshAgent agent = new TestSshAgent(tmp.resolve("agent"), "default");
        GitSshServer git = new GitSshServer(repos.served(), tmp.resolve("host_key"), 0);
        Daemon daemon = Daemon.open(tmp.resolve("state"))) {
      git.authorize(agent.publicKey());
      Files.writeString(home.resolve(".ssh/known_hosts"), git.knownHostsLine());
      Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nADD " + git.url("app") + "#v1 /src\n");
      System.setProperty("user.home", home.toString()); // the daemon user's home, for known_hosts
      Server server = daemon.listenUnix(socket);
      try {
        Cli r = Cli.run("build", ctx.toString(), "--addr", "unix://" + socket, "--ssh", "default=" + agent.socket(),
            "-o", "type=local,dest=" + out, "--progress", "plain");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("src/README")).hasContent("from ssh");

        Path remote = tmp.resolve("remote-out");
        Cli context = Cli.run("build", git.url("app") + "#v1", "--addr", "unix://" + socket,
            "--ssh", "default=" + agent.socket(), "-o", "type=local,dest=" + remote, "--progress", "plain");
        assertThat(context.exitCode()).as(context.err()).isZero();
        assertThat(remote.resolve("context/README")).as("an ssh remote build context").hasContent("from ssh");

        Cli without = Cli.run("build", ctx.toString(), "--addr", "unix://" + socket, "--progress", "plain");
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.err()).contains("no SSH agent 'default' forwarded for ssh://127.0.0.1:" + git.port() + "/app.git");
      } finally {
        server.shutdownNow().awaitTermination();
      }
    } finally {
      System.setProperty("user.home", previousHome);
    }
  }
}
