package dev.kiln.it;

import dev.kiln.dockerfile.convert.DockerfileFrontend;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.SshAgents;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.frontend.FrontendResult;
import dev.kiln.llb.frontend.StaticFrontendContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local registry holding a busybox-static image, and an engine: what a user building a
 * Dockerfile {@code FROM <registry>/busybox} would have. Builds go through the real frontend
 * (with {@code .dockerignore}), the real image source and runc.
 */
final class KilnFixture implements AutoCloseable {
  static final List<String> APPLETS = List.of("sh", "echo", "cat", "ls", "id", "mkdir", "touch", "wc", "test",
      "true", "false", "stat", "sort", "sha256sum", "tar", "sleep", "ln", "readlink", "env", "pwd", "grep", "chmod");

  final LocalRegistry registry;
  final Engine engine;
  final String busybox;

  private KilnFixture(LocalRegistry registry, Engine engine) {
    this.registry = registry;
    this.engine = engine;
    this.busybox = registry.host() + "/library/busybox:latest";
  }

  static KilnFixture start(Path dir) throws Exception {
    LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")));
    push(registry, dir);
    return new KilnFixture(registry, Engine.open(EngineConfig.at(dir.resolve("state"))));
  }

  /** busybox-static with its applets, an unprivileged user, and the usual top-level dirs. */
  private static void push(LocalRegistry registry, Path dir) throws Exception {
    TestLayer layer = new TestLayer().dir("bin", 0755)
        .file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755, 0, 0);
    for (String applet : APPLETS) layer.symlink("bin/" + applet, "busybox");
    layer.dir("etc", 0755)
        .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n", 0644)
        .file("etc/group", "root:x:0:\napp:x:1000:\n", 0644)
        .dir("tmp", 01777).dir("root", 0700).dir("home", 0755);
    TestImage image = TestImage.of("linux", "amd64", layer.tar());
    Path layout = new TestImage.Layout(dir.resolve("layout")).add("latest", image).dir();
    Process p = new ProcessBuilder("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
        "oci:" + layout + ":latest", "docker://" + registry.host() + "/library/busybox:latest")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IOException("skopeo copy failed: " + out);
  }

  /** Converts the Dockerfile in {@code context} with the given frontend options. */
  FrontendResult convert(Path context, Map<String, String> options) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    files.put("dockerfile/Dockerfile", Files.readAllBytes(context.resolve("Dockerfile")));
    Path ignore = context.resolve(".dockerignore");
    if (Files.exists(ignore)) files.put("context/.dockerignore", Files.readAllBytes(ignore));
    Path own = context.resolve("Dockerfile.dockerignore");
    if (Files.exists(own)) files.put("dockerfile/Dockerfile.dockerignore", Files.readAllBytes(own));
    return new DockerfileFrontend().build(
        new StaticFrontendContext(options, files, engine.imageMetaResolver(), null, null));
  }

  /** Converts and solves; the caller closes the result. */
  SolveResult build(Path context, Map<String, String> options, Map<String, byte[]> secrets) throws Exception {
    return build(context, options, secrets, SshAgents.NONE);
  }

  /** Converts and solves with the ssh agents a client would forward ({@code --ssh}). */
  SolveResult build(Path context, Map<String, String> options, Map<String, byte[]> secrets, SshAgents agents)
      throws Exception {
    FrontendResult result = convert(context, options);
    return engine.solve(result.definition(),
        SolveRequest.of(new BuildInputs(Map.of("context", context), secrets).withSshAgents(agents)));
  }

  @Override
  public void close() throws IOException {
    engine.close();
    registry.close();
  }
}
