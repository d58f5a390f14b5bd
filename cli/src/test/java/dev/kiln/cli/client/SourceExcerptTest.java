package dev.kiln.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The excerpt printed above an error that points into the Dockerfile. */
class SourceExcerptTest {
  private static final String FILE = "FROM scratch\nCOPY a /a\nRUN one \\\n  two\nCMD [\"x\"]\nUSER 1\nLABEL k=v\n";

  private static String detail(String filename, String text, String ranges) {
    String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    return "{\"info\":{\"filename\":\"" + filename + "\",\"data\":\"" + data + "\",\"language\":\"Dockerfile\"},\"ranges\":" + ranges + "}";
  }

  @Test
  void theOffendingLinesAreMarkedWithTwoLinesAroundThem() {
    var excerpt = SourceExcerpt.parse(detail("Dockerfile", FILE, "[{\"start\":{\"line\":3},\"end\":{\"line\":4}}]")).orElseThrow();
    assertThat(excerpt.render()).isEqualTo("""
        Dockerfile:3
        --------------------
           1 |     FROM scratch
           2 |     COPY a /a
           3 | >>> RUN one \\
           4 | >>>   two
           5 |     CMD ["x"]
           6 |     USER 1
        --------------------
        """);
  }

  @Test
  void theFirstAndLastLinesHaveContextOnOneSideOnly() {
    assertThat(SourceExcerpt.parse(detail("ci.Dockerfile", FILE, "[{\"start\":{\"line\":1},\"end\":{\"line\":1}}]"))
        .orElseThrow().render()).isEqualTo("""
        ci.Dockerfile:1
        --------------------
           1 | >>> FROM scratch
           2 |     COPY a /a
           3 |     RUN one \\
        --------------------
        """);
    assertThat(SourceExcerpt.parse(detail("Dockerfile", FILE, "[{\"start\":{\"line\":7}}]")).orElseThrow().render())
        .isEqualTo("""
        Dockerfile:7
        --------------------
           5 |     CMD ["x"]
           6 |     USER 1
           7 | >>> LABEL k=v
        --------------------
        """);
  }

  @Test
  void rangesOutsideTheFileOrUnreadableDetailsGiveNoExcerpt() {
    assertThat(SourceExcerpt.parse(detail("Dockerfile", FILE, "[{\"start\":{\"line\":9},\"end\":{\"line\":9}}]"))).isEmpty();
    assertThat(SourceExcerpt.parse(detail("Dockerfile", FILE, "[]"))).isEmpty();
    assertThat(SourceExcerpt.parse("{not json")).isEmpty();
    assertThat(SourceExcerpt.parse("{\"info\":{\"data\":\"%%%\"},\"ranges\":[{\"start\":{\"line\":1}}]}")).isEmpty();
  }
}
