package dev.kiln.cli;

import dev.kiln.cli.build.BuildFlags;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code kiln build} read without picocli when its arguments are plain: {@code build} first, then
 * known options each with its value as the next argument or after {@code =}, and at most one
 * context. picocli's model of a command costs about 0.1 s of a fresh JVM's CPU (an annotation's
 * proxy class per annotation type, reflection over every field), most of a build's start-up. Any
 * other shape (help, an unknown, abbreviated or repeated option, an {@code @file}, {@code --}, a
 * value that looks like an option) is left to picocli, which parses and reports as always.
 * BuildFastPathTest holds this table equal to the annotations and its parses equal to picocli's.
 */
final class BuildFastPath {
  private BuildFastPath() {}

  enum Kind { FLAG, SINGLE, LIST }

  /** One option: how many values it takes, and where a value goes. */
  record Opt(Kind kind, BiConsumer<BuildCommand, String> set) {
    static Opt flag(BiConsumer<BuildCommand, String> set) {
      return new Opt(Kind.FLAG, set);
    }

    static Opt single(BiConsumer<BuildCommand, String> set) {
      return new Opt(Kind.SINGLE, set);
    }

    static Opt list(java.util.function.Function<BuildFlags, List<String>> list) {
      return new Opt(Kind.LIST, (c, v) -> list.apply(c.flags).add(v));
    }
  }

  /** By every name: {@link BuildFlags}' options and {@link ConnectionOptions}'. */
  static final Map<String, Opt> OPTIONS = options();

  private static Map<String, Opt> options() {
    Opt output = Opt.list(f -> f.outputs);
    Opt file = Opt.single((c, v) -> c.flags.dockerfile = v);
    Opt tag = Opt.list(f -> f.tags);
    return Map.ofEntries(
        Map.entry("--frontend", Opt.single((c, v) -> c.flags.frontend = v)),
        Map.entry("--local", Opt.list(f -> f.locals)),
        Map.entry("--opt", Opt.list(f -> f.opts)),
        Map.entry("-o", output),
        Map.entry("--output", output),
        Map.entry("--secret", Opt.list(f -> f.secrets)),
        Map.entry("--ssh", Opt.list(f -> f.ssh)),
        Map.entry("--oci-layout", Opt.list(f -> f.ociLayouts)),
        Map.entry("--export-cache", Opt.list(f -> f.exportCaches)),
        Map.entry("--import-cache", Opt.list(f -> f.importCaches)),
        Map.entry("--no-cache", Opt.flag((c, v) -> c.flags.noCache = true)),
        Map.entry("--progress", Opt.single((c, v) -> c.flags.progress = v)),
        Map.entry("--allow", Opt.list(f -> f.allow)),
        Map.entry("--metadata-file", Opt.single((c, v) -> c.flags.metadataFile = v)),
        Map.entry("-f", file),
        Map.entry("--file", file),
        Map.entry("-t", tag),
        Map.entry("--tag", tag),
        Map.entry("--build-arg", Opt.list(f -> f.buildArgs)),
        Map.entry("--target", Opt.single((c, v) -> c.flags.target = v)),
        Map.entry("--platform", Opt.single((c, v) -> c.flags.platform = v)),
        Map.entry("--root", Opt.single((c, v) -> c.flags.root = v)),
        Map.entry("--config", Opt.single((c, v) -> c.flags.config = v)),
        Map.entry("--addr", Opt.single((c, v) -> c.connection.addr = v)),
        Map.entry("--tlscacert", Opt.single((c, v) -> c.connection.tlsCa = Path.of(v))),
        Map.entry("--tlscert", Opt.single((c, v) -> c.connection.tlsCert = Path.of(v))),
        Map.entry("--tlskey", Opt.single((c, v) -> c.connection.tlsKey = Path.of(v))),
        Map.entry("--tlsservername", Opt.single((c, v) -> c.connection.tlsServerName = v)));
  }

  /** {@link BuildFlags#progress}'s default, which picocli applies from the annotation. */
  static final String DEFAULT_PROGRESS = "auto";

  /** The build command {@code args} ask for, ready to call; empty when picocli must read them. */
  static Optional<BuildCommand> parse(Stdio stdio, String... args) {
    if (args.length == 0 || !args[0].equals("build")) return Optional.empty();
    BuildCommand command = new BuildCommand(stdio);
    Set<Opt> given = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("@")) return Optional.empty(); // an argument file, which picocli expands
      if (!a.startsWith("-")) {
        if (command.flags.contextDir != null) return Optional.empty();
        command.flags.contextDir = a;
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 && a.startsWith("--") ? a.substring(0, eq) : a;
      Opt opt = OPTIONS.get(name);
      if (opt == null || (opt.kind() != Kind.LIST && !given.add(opt))) return Optional.empty();
      if (opt.kind() == Kind.FLAG) {
        if (eq > 0 && a.startsWith("--")) return Optional.empty();
        opt.set().accept(command, null);
        continue;
      }
      String value;
      if (name.length() < a.length()) {
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length && !looksLikeAnOption(args[i + 1])) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      opt.set().accept(command, value);
    }
    if (command.flags.progress == null) command.flags.progress = DEFAULT_PROGRESS;
    return Optional.of(command);
  }

  private static boolean looksLikeAnOption(String arg) {
    return arg.startsWith("-") || arg.startsWith("@");
  }
}
