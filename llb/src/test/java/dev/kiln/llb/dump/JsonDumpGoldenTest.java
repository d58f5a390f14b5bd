package dev.kiln.llb.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our dump must equal what {@code buildctl debug dump-llb} printed, byte for byte. */
class JsonDumpGoldenTest {
  static List<Goldens.Case> cases() {
    return Goldens.dumpCases();
  }

  @Test
  void coversEveryGolden() {
    // 21 api graphs + the definition nested in 13, 17 Dockerfiles × (def, def.normalized).
    assertThat(cases()).hasSize(22 + 2 * 17);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void printsWhatBuildctlPrinted(Goldens.Case golden) throws DefinitionException {
    DecodedDefinition definition = DefinitionReader.read(Goldens.read(golden.bin()));

    assertThat(JsonDump.render(definition)).isEqualTo(Goldens.readString(golden.json()));
  }

  static List<Path> apiBins() {
    return Goldens.apiBins();
  }

  @ParameterizedTest
  @MethodSource("apiBins")
  void digestsAreThoseOfTheExactEntryBytes(Path bin) throws DefinitionException {
    Path digests = bin.resolveSibling(bin.getFileName().toString().replaceFirst("\\.bin$", ".digests"));

    List<String> actual =
        DefinitionReader.read(Goldens.read(bin)).ops().stream()
            .map(op -> op.digest().value())
            .toList();

    assertThat(actual).isEqualTo(Goldens.readString(digests).lines().toList());
  }
}
