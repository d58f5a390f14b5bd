package dev.kiln.engine.exporter.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunk reuse as the layer writer drives it: real tars of a tree, gzip only, and the index
 * written only for a blob that made it into the store.
 */
class LayerChunkReuseTest {
  @TempDir Path tmp;
  private FileContentStore content;
  private Database db;
  private ChunkIndex index;
  private Path tree;

  @BeforeEach
  void stores() throws Exception {
    content = new FileContentStore(tmp.resolve("content"));
    db = Database.open(tmp.resolve("metadata.db"), KilnSchema.SCHEMA);
    index = new ChunkIndex(db);
    tree = Files.createDirectories(tmp.resolve("tree"));
    Random random = new Random(9);
    for (int d = 0; d < 10; d++) {
      Path dir = Files.createDirectories(tree.resolve("d" + d));
      for (int f = 0; f < 120; f++) Files.write(dir.resolve("f" + f), ChunkReuseTest.entry(random, 4_000 + random.nextInt(8_000)));
    }
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private LayerBlob write(LayerOptions options, ChunkReuse reuse) throws IOException {
    return LayerWriter.write(TreeChanges.of(null, tree), options, content, LayerSink.NONE, reuse);
  }

  private byte[] bytes(LayerBlob layer) throws IOException {
    try (InputStream in = content.open(layer.blob().digest())) {
      return in.readAllBytes();
    }
  }

  @Test
  void aChangedTreeCopiesTheUnchangedChunksAndGivesTheFreshBytes() throws Exception {
    ChunkReuse first = ChunkReuse.using(index, content);
    write(LayerOptions.gzip(), first);
    assertThat(first.chunks()).isGreaterThanOrEqualTo(8);
    Files.write(tree.resolve("d3/f7"), ChunkReuseTest.entry(new Random(1), (int) Files.size(tree.resolve("d3/f7"))));
    Files.write(tree.resolve("d7/f70"), ChunkReuseTest.entry(new Random(2), 20_000)); // another size

    ChunkReuse second = ChunkReuse.using(index, content);
    LayerBlob reused = write(LayerOptions.gzip(), second);
    assertThat(second.reused()).isGreaterThanOrEqualTo(second.chunks() - 5);
    content.delete(reused.blob().digest());
    LayerBlob fresh = write(LayerOptions.gzip(), ChunkReuse.off());
    assertThat(fresh).isEqualTo(reused);
    byte[] tar = new GZIPInputStream(content.open(fresh.blob().digest())).readAllBytes();
    assertThat(Digest.of(tar)).isEqualTo(fresh.diffId());
  }

  @Test
  void zstdAndUncompressedLayersNeitherLookUpNorRecordChunks() throws Exception {
    write(LayerOptions.gzip(), ChunkReuse.using(index, content));
    for (LayerOptions options : List.of(new LayerOptions(Compression.ZSTD, 3, Optional.empty()),
        new LayerOptions(Compression.UNCOMPRESSED, 0, Optional.empty()))) {
      long rows = rows();
      ChunkReuse reuse = ChunkReuse.using(index, content);
      LayerBlob layer = write(options, reuse);
      assertThat(reuse.chunks()).isZero();
      assertThat(reuse.reused()).isZero();
      assertThat(rows()).isEqualTo(rows);
      byte[] blob = bytes(layer);
      byte[] tar = options.compression() == Compression.ZSTD ? new ZstdInputStream(content.open(layer.blob().digest())).readAllBytes() : blob;
      assertThat(Digest.of(tar)).isEqualTo(layer.diffId());
      assertThat(write(options, ChunkReuse.off())).isEqualTo(layer);
    }
  }

  @Test
  void aBlobThatFailsOnTheWayRecordsNoChunks() throws Exception {
    List<Change> changes = new ArrayList<>(TreeChanges.of(null, tree));
    changes.add(new Change.Add("zz-vanished", tmp.resolve("vanished"))); // removed before it is read
    ChunkReuse reuse = ChunkReuse.using(index, content);
    assertThatThrownBy(() -> LayerWriter.write(changes, LayerOptions.gzip(), content, LayerSink.NONE, reuse))
        .isInstanceOf(IOException.class);
    assertThat(reuse.chunks()).isPositive();
    assertThat(rows()).isZero();
    assertThat(content.list()).isEmpty();
  }

  private long rows() throws Exception {
    return db.read(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM layer_chunks")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
