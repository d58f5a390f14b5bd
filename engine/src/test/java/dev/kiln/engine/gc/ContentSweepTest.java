package dev.kiln.engine.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.llb.Digest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content sweep deletes unreferenced blobs, then the gzip chunk rows that named them. */
class ContentSweepTest {
  @TempDir Path tmp;

  @Test
  void chunkRowsKeepNoBlobAliveAndGoWithTheirBlob() throws Exception {
    FileContentStore content = new FileContentStore(tmp.resolve("content"));
    try (Database db = Database.open(tmp.resolve("metadata.db"), KilnSchema.SCHEMA)) {
      Digest kept = blob(content, "kept by an image name");
      Digest unreferenced = blob(content, "only its chunks are recorded");
      db.write(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_names(name, digest, resolved_at) VALUES ('x', ?, 0)")) {
          ps.setString(1, kept.value());
          ps.executeUpdate();
        }
        for (Digest d : List.of(kept, unreferenced)) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO layer_chunks"
              + "(chunk_key, blob, offset, length, crc, input_length, recorded_at) VALUES ('k', ?, 10, 5, 0, 5, 0)")) {
            ps.setString(1, d.value());
            ps.executeUpdate();
          }
        }
        return null;
      });

      assertThat(new ContentSweep(db, content).run()).isPositive();

      assertThat(content.list()).containsExactly(kept);
      assertThat(chunkBlobs(db)).containsExactly(kept.value());
    }
  }

  private static Digest blob(FileContentStore content, String text) throws Exception {
    return content.write(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null, -1);
  }

  private static List<String> chunkBlobs(Database db) throws Exception {
    return db.read(c -> {
      List<String> out = new ArrayList<>();
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT blob FROM layer_chunks")) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    });
  }
}
