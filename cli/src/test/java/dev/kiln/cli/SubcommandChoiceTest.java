package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
    assertThat(KilnCommand.optionsWithValues(ConnectionOptions.class))
        .containsExactlyInAnyOrder("--addr", "--tlscacert", "--tlscert", "--tlskey", "--tlsservername")
        .isEqualTo(KilnCommand.OPTIONS_WITH_VALUES);
  }

  @Test
  void helpUnknownNamesAndBareOptionsModelEverySubcommand() {
    assertThat(KilnCommand.subcommandOf()).isEmpty();
    assertThat(KilnCommand.subcommandOf("--help")).isEmpty();
    assertThat(KilnCommand.subcommandOf("bild", ".")).isEmpty();
    assertThat(KilnCommand.subcommandOf("--addr", "unix:///x")).isEmpty();
  }
}
