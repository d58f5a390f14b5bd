package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.daemon.Daemon;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import io.grpc.Server;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --oci-layout NAME=DIR}: an oci-layout:// source read from the client's directory, embedded and through kilnd. */
class OciLayoutFlagTest {
  @TempDir Path tmp;

  @Test
  void anImageFromTheClientsLayoutDirectory() throws Exception {
    TestImage image = TestImage.of("linux", "amd64", new TestLayer().file("from-layout.txt", "layout\n", 0644).tar());
    Path layout = tmp.resolve("layout");
    new TestImage.Layout(layout).add("base", image);
    byte[] def = State.ociLayout("base@" + image.manifestDigest().value(), o -> {})
        .marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64)).toByteArray();

    Path out = tmp.resolve("out");
    Cli embedded = Cli.run(def, "build", "--oci-layout", "base=" + layout, "-o", "type=local,dest=" + out,
        "--root", tmp.resolve("state").toString(), "--progress", "plain");
    assertThat(embedded.exitCode()).as(embedded.err()).isZero();
    assertThat(out.resolve("from-layout.txt")).hasContent("layout");

    Cli missing = Cli.run(def, "build", "--root", tmp.resolve("state2").toString(), "--progress", "plain");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("OCI layout 'base' was not provided");

    Path socket = tmp.resolve("run/kilnd.sock");
    try (Daemon daemon = Daemon.open(tmp.resolve("daemon-state"))) {
      Server server = daemon.listenUnix(socket);
      try {
        Path viaDaemon = tmp.resolve("out-daemon");
        Cli remote = Cli.run(def, "--addr", "unix://" + socket, "build", "--oci-layout", "base=" + layout,
            "-o", "type=local,dest=" + viaDaemon, "--progress", "plain");
        assertThat(remote.exitCode()).as(remote.err()).isZero();
        assertThat(viaDaemon.resolve("from-layout.txt")).hasContent("layout");
      } finally {
        server.shutdownNow().awaitTermination();
      }
    }
  }

  @Test
  void aDockerfileNamedContextFromTheClientsLayout() throws Exception {
    TestImage image = TestImage.of("linux", "amd64", new TestLayer().file("from-layout.txt", "layout\n", 0644).tar());
    Path layout = tmp.resolve("layout");
    new TestImage.Layout(layout).add("base", image);
    Path ctx = java.nio.file.Files.createDirectories(tmp.resolve("ctx"));
    java.nio.file.Files.writeString(ctx.resolve("Dockerfile"), "FROM base\nCOPY hello.txt /\n");
    java.nio.file.Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Path out = tmp.resolve("out");
    Cli r = Cli.run("build", ctx.toString(), "--oci-layout", "base=" + layout,
        "--opt", "context:base=oci-layout://base@" + image.manifestDigest().value(),
        "-o", "type=local,dest=" + out, "--root", tmp.resolve("state").toString(), "--progress", "plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("from-layout.txt")).hasContent("layout");
    assertThat(out.resolve("hello.txt")).hasContent("hello");
  }
}
