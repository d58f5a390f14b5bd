package dev.kiln.engine.exporter.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.llb.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Copying gzip chunks from earlier blobs gives, byte for byte, what deflating every chunk gives,
 * on seeded random "tars" (entries of random sizes with a boundary before each, as the layer
 * writer reports them) edited in place, resized, added to and cut; and falls back to deflate
 * whenever the blob a row names is gone or does not hold the bytes.
 */
class ChunkReuseTest {
  /** Small chunks: many of them in a few MB. */
  private static final GzipChunking SMALL = new GzipChunking(64 << 10, 64 << 10, 256 << 10);

  @TempDir Path tmp;
  private FileContentStore content;
  private Database db;
  private ChunkIndex index;

  /** A published blob: its bytes and digest, and how many of its chunks were copied. */
  private record Published(byte[] bytes, Digest blob, int reused, int chunks) {}

  @BeforeEach
  void stores() throws Exception {
    content = new FileContentStore(tmp.resolve("content"));
    db = Database.open(tmp.resolve("metadata.db"), KilnSchema.SCHEMA);
    index = new ChunkIndex(db);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void reusingChunksGivesTheBytesOfAFreshCompression(int seed) throws Exception {
    Random random = new Random(seed);
    List<byte[]> base = entries(random, 250);
    Published first = publish(base, 6);
    assertThat(first.bytes()).isEqualTo(fresh(base, 6));
    assertThat(first.reused()).isZero();

    List<byte[]> edited = new ArrayList<>(base);
    int rewritten = random.nextInt(edited.size());
    edited.set(rewritten, entry(random, edited.get(rewritten).length)); // same size, new bytes
    int resized = random.nextInt(edited.size());
    edited.set(resized, entry(random, edited.get(resized).length + 1 + random.nextInt(5000)));
    edited.add(random.nextInt(edited.size()), entry(random, random.nextInt(8_000)));
    edited.remove(random.nextInt(edited.size()));

    Published second = publish(edited, 6);
    assertThat(second.bytes()).isEqualTo(fresh(edited, 6));
    assertThat(gunzip(second.bytes())).isEqualTo(concat(edited));
    // Each of the four edits changes its chunk, maybe the next (its dictionary) and where a cut or
    // two falls before the cuts meet the earlier ones again.
    assertThat(second.chunks()).isGreaterThan(20);
    assertThat(second.reused()).isGreaterThanOrEqualTo(second.chunks() - 4 * 3 - 1);
    gzipTest(second.bytes());
  }

  @Test
  void theSameInputCopiesEveryChunk() throws Exception {
    List<byte[]> entries = entries(new Random(11), 300);
    Published first = publish(entries, 6);
    Published second = publish(entries, 6);
    assertThat(second.bytes()).isEqualTo(first.bytes());
    assertThat(second.reused()).isEqualTo(second.chunks()).isEqualTo(first.chunks());
  }

  @Test
  void anEmptyStreamAndOneHugeEntry() throws Exception {
    assertThat(publish(List.of(), 6).bytes()).isEqualTo(fresh(List.of(), 6));
    Published again = publish(List.of(), 6);
    assertThat(again.reused()).isEqualTo(1);
    assertThat(gunzip(again.bytes())).isEmpty();
    gzipTest(again.bytes());

    // The layer writer's own chunking: a huge entry is cut every max bytes, 6 chunks here. Its
    // second half is random, so chunks 3 and 4 are stored, neither recorded nor looked up.
    int max = GzipChunking.DEFAULT.max();
    byte[] huge = entry(new Random(5), 5 * max + 777);
    Published first = publish(List.of(huge), 6, GzipChunking.DEFAULT);
    assertThat(first.chunks()).isEqualTo(6 - 2);
    huge[2 * max + 100] ^= 1;
    Published second = publish(List.of(huge), 6, GzipChunking.DEFAULT);
    assertThat(second.bytes()).isEqualTo(gzip(List.of(huge), 6, ChunkReuse.off(), GzipChunking.DEFAULT));
    assertThat(second.reused()).isEqualTo(3); // all but the changed chunk 2 and the two stored ones
    assertThat(gunzip(second.bytes())).isEqualTo(huge);
  }

  @Test
  void aCollectedSourceBlobFallsBackToDeflate() throws Exception {
    List<byte[]> entries = entries(new Random(21), 200);
    Published first = publish(entries, 6);
    content.delete(first.blob());
    Published second = publish(entries, 6);
    assertThat(second.reused()).isZero();
    assertThat(second.bytes()).isEqualTo(first.bytes());
  }

  @Test
  void rowsNamingABlobThatDoesNotHoldTheBytesAreIgnored() throws Exception {
    List<byte[]> entries = entries(new Random(22), 200);
    ChunkReuse collect = ChunkReuse.using(index, content);
    byte[] gz = gzip(entries, 6, collect);
    Digest small = content.write(new ByteArrayInputStream("too short".getBytes(StandardCharsets.UTF_8)), null, -1);
    collect.publish(small); // as if the rows named the wrong blob
    Published second = publish(entries, 6);
    assertThat(second.reused()).isZero();
    assertThat(second.bytes()).isEqualTo(gz);
  }

  @Test
  void chunksOfOtherLevelsAreNotShared() throws Exception {
    List<byte[]> entries = entries(new Random(31), 200);
    publish(entries, 6);
    Published level1 = publish(entries, 1);
    assertThat(level1.reused()).isZero();
    assertThat(level1.bytes()).isEqualTo(fresh(entries, 1));
    assertThat(publish(entries, 1).reused()).isEqualTo(level1.chunks());
  }

  @Test
  void nothingIsRecordedUntilTheBlobIsPublished() throws Exception {
    List<byte[]> entries = entries(new Random(41), 200);
    ChunkReuse unpublished = ChunkReuse.using(index, content);
    gzip(entries, 6, unpublished);
    assertThat(unpublished.chunks()).isPositive();
    assertThat(rows()).isZero();
    assertThat(publish(entries, 6).reused()).isZero();
    assertThat(rows()).isPositive();
  }

  private long rows() throws Exception {
    return db.read(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM layer_chunks")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private Published publish(List<byte[]> entries, int level) throws Exception {
    return publish(entries, level, SMALL);
  }

  private Published publish(List<byte[]> entries, int level, GzipChunking chunking) throws Exception {
    ChunkReuse reuse = ChunkReuse.using(index, content);
    byte[] gz = gzip(entries, level, reuse, chunking);
    Digest blob = content.write(new ByteArrayInputStream(gz), null, -1);
    reuse.publish(blob);
    return new Published(gz, blob, reuse.reused(), reuse.chunks());
  }

  private static byte[] fresh(List<byte[]> entries, int level) throws Exception {
    return gzip(entries, level, ChunkReuse.off());
  }

  /** Each entry after a boundary, in uneven writes, as the tar writer's buffer passes them on. */
  private static byte[] gzip(List<byte[]> entries, int level, ChunkReuse reuse) throws Exception {
    return gzip(entries, level, reuse, SMALL);
  }

  private static byte[] gzip(List<byte[]> entries, int level, ChunkReuse reuse, GzipChunking chunking) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ParallelGzip gz = new ParallelGzip(out, level, null, reuse, chunking)) {
      for (byte[] e : entries) {
        gz.entryBoundary();
        for (int off = 0; off < e.length; ) {
          int n = Math.min(e.length - off, 1 + (off * 31 + e.length) % 70_000);
          gz.write(e, off, n);
          off += n;
        }
      }
    }
    return out.toByteArray();
  }

  /** For {@link #SMALL} chunks: mostly small entries, some of tens of KiB, now and then one over a chunk's maximum. */
  static List<byte[]> entries(Random random, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(100);
      int size = kind < 85 ? random.nextInt(8_000) : kind < 98 ? 20_000 + random.nextInt(40_000)
          : SMALL.max() + random.nextInt(SMALL.max());
      out.add(entry(random, size));
    }
    return out;
  }

  /** Half text (compressible), half random bytes. */
  static byte[] entry(Random random, int size) {
    byte[] b = new byte[size];
    String[] words = {"kiln ", "layer ", "chunk ", "gzip ", "tar ", "entry ", "build\n"};
    int i = 0;
    while (i < size / 2) {
      for (byte c : words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII)) {
        if (i < size / 2) b[i++] = c;
      }
    }
    byte[] noise = new byte[size - i];
    random.nextBytes(noise);
    System.arraycopy(noise, 0, b, i, noise.length);
    return b;
  }

  private static byte[] concat(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entries.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] gz) throws Exception {
    return new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
  }

  private void gzipTest(byte[] gz) throws Exception {
    Path file = Files.write(tmp.resolve("t.gz"), gz);
    Process p = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
  }
}
