package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/** Which sub-command a command line runs, told before parsing so only that one is modelled. */
class SubcommandChoiceTest {
  @Test
  void theFirstArgumentThatIsNeitherAnOptionNorItsValueNamesTheSubcommand() {
    assertThat(KilnCommand.subcommandOf("build", ".", "-t", "x")).hasValue("build");
    assertThat(KilnCommand.subcommandOf("--addr", "unix:///run/kiln.sock", "du", "--verbose")).hasValue("du");
    assertThat(KilnCommand.subcommandOf("--addr", "build", "prune")).hasValue("prune");
    assertThat(KilnCommand.subcommandOf("--tlscacert", "ca.pem", "--tlscert", "c.pem", "--tlskey", "k.pem",
        "--tlsservername", "kilnd", "version")).hasValue("version");
    assertThat(KilnCommand.subcommandOf("debug", "workers")).hasValue("debug");
  }

  @Test
  void theTopLevelOptionsWithValuesAreConnectionOptionsOptionsWithValues() {
    assertThat(optionsWithValues(ConnectionOptions.class))
        .containsExactlyInAnyOrder("--addr", "--tlscacert", "--tlscert", "--tlskey", "--tlsservername")
        .isEqualTo(KilnCommand.OPTIONS_WITH_VALUES);
  }

  /** The names of {@code options}' options that take a value, from their annotations. */
  private static Set<String> optionsWithValues(Class<?> options) {
    Set<String> names = new HashSet<>();
    for (Field f : options.getDeclaredFields()) {
      Option o = f.getAnnotation(Option.class);
      if (o != null && f.getType() != boolean.class && f.getType() != Boolean.class) names.addAll(List.of(o.names()));
    }
    return Set.copyOf(names);
  }

  @Test
  void helpUnknownNamesAndBareOptionsModelEverySubcommand() {
    assertThat(KilnCommand.subcommandOf()).isEmpty();
    assertThat(KilnCommand.subcommandOf("--help")).isEmpty();
    assertThat(KilnCommand.subcommandOf("bild", ".")).isEmpty();
    assertThat(KilnCommand.subcommandOf("--addr", "unix:///x")).isEmpty();
  }
}
