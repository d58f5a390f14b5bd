package dev.kiln.engine.exporter.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.llb.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigPatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Digest A = Digest.of(new byte[] {1});
  private static final Digest B = Digest.of(new byte[] {2});
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static JsonNode patch(String config, List<Digest> diffIds, Optional<Instant> epoch) throws Exception {
    Optional<byte[]> in = Optional.ofNullable(config).map(c -> c.getBytes(StandardCharsets.UTF_8));
    return JSON.readTree(ConfigPatcher.patch(in, diffIds, NOW, epoch));
  }

  @Test
  void keepsTheFrontendsFieldsAndFillsRootfsAndHistory() throws Exception {
    JsonNode c = patch("""
        {"created":"2029-01-01T00:00:00Z","architecture":"arm64","os":"linux","config":{"User":"app"},
         "rootfs":{"type":"layers","diff_ids":[]},
         "history":[{"created":"2020-01-01T00:00:00Z","created_by":"base"},{"created_by":"RUN x","comment":"buildkit.dockerfile.v0"}]}
        """, List.of(A, B), Optional.empty());
    assertThat(c.fieldNames()).toIterable().containsExactly("created", "architecture", "os", "config", "rootfs", "history");
    assertThat(c.at("/rootfs/diff_ids").toString()).isEqualTo("[\"" + A + "\",\"" + B + "\"]");
    assertThat(c.at("/history/0/created").asText()).isEqualTo("2020-01-01T00:00:00Z");
    assertThat(c.at("/history/1/created").asText()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(c.at("/history/1").fieldNames().next()).isEqualTo("created");
    assertThat(c.at("/config/User").asText()).isEqualTo("app");
  }

  @Test
  void surplusHistoryBecomesEmptyAndMissingIsAppended() throws Exception {
    JsonNode surplus = patch("""
        {"history":[{"created_by":"1"},{"created_by":"2"},{"created_by":"3"}]}""", List.of(A), Optional.empty());
    assertThat(surplus.at("/history/1/empty_layer").asBoolean()).isTrue();
    assertThat(surplus.at("/history/2/empty_layer").asBoolean()).isTrue();
    JsonNode missing = patch(null, List.of(A, B), Optional.empty());
    assertThat(missing.get("history")).hasSize(2);
    assertThat(missing.at("/history/1/comment").asText()).isEqualTo(ConfigPatcher.EXPORTER_COMMENT);
    assertThat(missing.get("os").asText()).isEqualTo("linux");
  }

  @Test
  void anEpochClampsCreatedTimes() throws Exception {
    Instant epoch = Instant.ofEpochSecond(1_700_000_000);
    JsonNode c = patch("""
        {"created":"2029-01-01T00:00:00Z","history":[{"created":"2001-01-01T00:00:00Z","created_by":"old"},{"created_by":"new"}]}
        """, List.of(A, B), Optional.of(epoch));
    assertThat(c.get("created").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(c.at("/history/0/created").asText()).isEqualTo("2001-01-01T00:00:00Z");
    assertThat(c.at("/history/1/created").asText()).isEqualTo("2023-11-14T22:13:20Z");
  }

  @Test
  void aConfigWithoutCreatedTakesItsNewestHistoryTime() throws Exception {
    JsonNode c = patch("""
        {"history":[{"created":"2001-01-01T00:00:00Z","created_by":"base"},{"created_by":"new"},
        {"created_by":"CMD","empty_layer":true}]}
        """, List.of(A, B), Optional.empty());
    assertThat(c.get("created").asText()).isEqualTo("2030-01-01T00:00:00Z");
  }
}
