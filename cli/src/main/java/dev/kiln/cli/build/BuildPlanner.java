package dev.kiln.cli.build;

import dev.kiln.cli.client.BuildPlan;
import dev.kiln.proto.pb.Definition;
import dev.kiln.session.ssh.AgentSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link BuildFlags} into a {@link BuildPlan}. Three shapes: docker's {@code kiln build DIR
 * -f FILE} (dockerfile.v0 with {@code context}/{@code dockerfile} locals), buildctl's {@code
 * --frontend … --local …}, and buildctl's raw {@code kiln build < def.bin}. Flag problems are
 * {@link IllegalArgumentException}s (exit 2).
 */
public final class BuildPlanner {
  private BuildPlanner() {}

  public static BuildPlan plan(BuildFlags f, InputStream stdin) throws IOException {
    Map<String, String> attrs = new LinkedHashMap<>();
    Map<String, Path> locals = new HashMap<>();
    for (String local : f.locals) {
      var kv = Csv.keyValue(local, "--local");
      locals.put(kv.getKey(), Path.of(kv.getValue()));
    }
    for (String layout : f.ociLayouts) {
      // Sent like a --local under a reserved name; the engine finds store NAME there (BuildInputs.ociLayout).
      var kv = Csv.keyValue(layout, "--oci-layout");
      locals.put("oci-layout:" + kv.getKey(), Path.of(kv.getValue()));
    }
    for (String opt : f.opts) {
      var kv = Csv.keyValue(opt, "--opt");
      attrs.put(kv.getKey(), kv.getValue());
    }
    for (String arg : f.buildArgs) {
      var kv = Csv.keyValue(arg, "--build-arg");
      attrs.put("build-arg:" + kv.getKey(), kv.getValue());
    }
    if (f.target != null) attrs.put("target", f.target);
    if (f.platform != null) attrs.put("platform", f.platform);
    if (f.noCache) attrs.put("no-cache", "");
    var cacheExports = caches(f.exportCaches, "--export-cache", true);
    var cacheImports = caches(f.importCaches, "--import-cache", false);
    String frontend = f.frontend == null ? "" : f.frontend;
    boolean dockerStyle = f.contextDir != null || f.dockerfile != null;
    if (dockerStyle) {
      if (!frontend.isEmpty() && !frontend.equals("dockerfile.v0")) {
        throw new IllegalArgumentException("a context DIR or -f only works with the dockerfile.v0 frontend");
      }
      frontend = "dockerfile.v0";
      dockerLocals(f, locals, attrs);
    }
    Definition definition = null;
    if (frontend.isEmpty()) {
      if (stdin == null) {
        throw new IllegalArgumentException("no --frontend given and no definition on stdin");
      }
      definition = Definition.parseFrom(stdin.readAllBytes());
      if (definition.getDefCount() == 0) {
        throw new IllegalArgumentException("no --frontend given and stdin holds no LLB definition (pipe one in: kiln build < def.bin)");
      }
    }
    return new BuildPlan(definition, frontend, attrs, locals, secrets(f.secrets), output(f.outputs, f.tags), f.allow,
        ssh(f.ssh), cacheExports, cacheImports);
  }

  private static Map<String, AgentSource> ssh(List<String> specs) {
    Map<String, AgentSource> out = new HashMap<>();
    for (String spec : specs) {
      SshSpec s = SshSpec.parse(spec, System.getenv());
      out.put(s.id(), s.agent());
    }
    return out;
  }

  private static void dockerLocals(BuildFlags f, Map<String, Path> locals, Map<String, String> attrs) {
    if (f.contextDir != null && isRemote(f.contextDir)) {
      // As BuildKit's clients do: the daemon fetches the context and reads the Dockerfile (-f is
      // a path inside it) from there; nothing is sent from this machine.
      attrs.putIfAbsent("context", f.contextDir);
      attrs.putIfAbsent("filename", f.dockerfile == null ? "Dockerfile" : f.dockerfile);
      return;
    }
    Path context = Path.of(f.contextDir == null ? "." : f.contextDir);
    Path dockerfile = f.dockerfile == null ? context.resolve("Dockerfile") : Path.of(f.dockerfile);
    locals.putIfAbsent("context", context);
    Path dir = dockerfile.toAbsolutePath().getParent();
    locals.putIfAbsent("dockerfile", dir);
    attrs.putIfAbsent("filename", dockerfile.getFileName().toString());
  }

  /** A git repository or an archive URL rather than a directory, as {@code docker build} accepts. */
  static boolean isRemote(String context) {
    return context.startsWith("http://") || context.startsWith("https://") || context.startsWith("git://")
        || context.startsWith("ssh://") || context.startsWith("git@");
  }

  /**
   * {@code --export-cache}/{@code --import-cache} entries. As buildctl does, an export without a
   * mode is {@code mode=min}; local paths become absolute, since the daemon resolves them.
   */
  static List<BuildPlan.CacheEntry> caches(List<String> specs, String flag, boolean export) {
    List<BuildPlan.CacheEntry> out = new java.util.ArrayList<>();
    for (String spec : specs) {
      Map<String, String> fields = Csv.pairs(spec, flag);
      String type = fields.remove("type");
      if (type == null) throw new IllegalArgumentException(flag + " '" + spec + "' needs type=registry|local|inline");
      if (export) fields.putIfAbsent("mode", "min");
      for (String key : List.of("dest", "src")) {
        if (fields.containsKey(key)) fields.put(key, Path.of(fields.get(key)).toAbsolutePath().toString());
      }
      out.add(new BuildPlan.CacheEntry(type, fields));
    }
    return out;
  }

  private static Map<String, byte[]> secrets(List<String> specs) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    for (String spec : specs) {
      SecretSpec s = SecretSpec.parse(spec);
      out.put(s.id(), s.read());
    }
    return out;
  }

  /**
   * The {@code --output}; {@code -t NAME} (docker's form) names the image: alone it means {@code
   * type=image,name=…} (stored, not pushed), with an image output it fills a missing {@code name}.
   */
  private static OutputSpec output(List<String> outputs, List<String> tags) {
    if (outputs.size() > 1) {
      throw new IllegalArgumentException("only one --output is supported for now");
    }
    String names = String.join(",", tags);
    if (outputs.isEmpty()) return tags.isEmpty() ? null : new OutputSpec("image", java.util.Map.of("name", names), null);
    OutputSpec out = OutputSpec.parse(outputs.getFirst());
    if (tags.isEmpty() || out.attrs().containsKey("name") || !List.of("image", "oci", "docker").contains(out.type())) {
      return out;
    }
    java.util.Map<String, String> attrs = new java.util.LinkedHashMap<>(out.attrs());
    attrs.put("name", names);
    return new OutputSpec(out.type(), attrs, out.dest());
  }

  /** Whether a path given for {@code --local} exists, for an early, clear error. */
  public static void checkLocals(BuildPlan plan) {
    plan.locals().forEach((name, dir) -> {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("--local " + name + "=" + dir + ": not a directory");
      }
    });
  }
}
