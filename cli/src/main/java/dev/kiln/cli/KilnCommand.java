package dev.kiln.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * The {@code kiln} command; each sub-command lives in its own class, registered by {@link
 * CommandRunner} ({@link #SUBCOMMANDS}).
 */
@Command(
    name = "kiln",
    mixinStandardHelpOptions = true,
    versionProvider = KilnVersion.class,
    description = "Kiln: a BuildKit-compatible build toolkit.")
final class KilnCommand implements Runnable {
  /** By name, in the order help lists them. */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("build", BuildCommand.class);
    m.put("du", DuCommand.class);
    m.put("prune", PruneCommand.class);
    m.put("debug", DebugCommand.class);
    m.put("version", VersionCommand.class);
    return Collections.unmodifiableMap(m);
  }

  /**
   * Options of this command (not of sub-commands) that take a value, so their values are not names:
   * {@link ConnectionOptions}' (a test holds the two equal). Listed rather than read from the
   * annotations: this runs before an embedded build's engine starts opening, and an annotation's
   * first reading costs 20 ms of a fresh JVM (its proxy class is generated).
   */
  static final Set<String> OPTIONS_WITH_VALUES = Set.of("--addr", "--tlscacert", "--tlscert", "--tlskey", "--tlsservername");

  /**
   * The sub-command {@code args} run, when it can be told without parsing: the first argument that
   * is neither an option nor an option's value. Empty for help, errors and anything unusual.
   */
  static Optional<String> subcommandOf(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (OPTIONS_WITH_VALUES.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        return SUBCOMMANDS.containsKey(a) ? Optional.of(a) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** {@code kiln --addr unix:///… build}: the daemon for every command that talks to one. */
  @picocli.CommandLine.Mixin ConnectionOptions connection = new ConnectionOptions();

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
