package dev.kiln.engine.exporter.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import dev.kiln.llb.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer tars from an overlay-style upper directory. Needs root (whiteout devices, trusted xattrs). */
class LayerWriterTest {
  @TempDir Path tmp;
  private Path upper;
  private FileContentStore content;
  private static final String LONG = "a".repeat(90) + "/" + "b".repeat(90);

  @BeforeEach
  void upper() throws Exception {
    content = new FileContentStore(tmp.resolve("content"));
    upper = Files.createDirectories(tmp.resolve("upper"));
    Files.writeString(upper.resolve("file"), "hello\n");
    PosixFiles.lchown(upper.resolve("file"), 70000, 2000); // before chmod: chown clears setuid
    PosixFiles.chmod(upper.resolve("file"), 04755);
    Files.createLink(upper.resolve("hard"), upper.resolve("file"));
    Files.createSymbolicLink(upper.resolve("sym"), Path.of("file"));
    PosixFiles.mkWhiteout(upper.resolve("gone"));
    Path opq = Files.createDirectories(upper.resolve("etc/opq"));
    Xattrs.set(opq, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
    Files.writeString(opq.resolve("kept"), "k");
    PosixFiles.mkWhiteout(upper.resolve("etc/removed"));
    Files.createDirectories(upper.resolve(LONG).getParent());
    Files.writeString(upper.resolve(LONG), "deep");
    PosixFiles.mknod(upper.resolve("null"), Stat.S_IFCHR | 0666, Stat.makedev(1, 3));
    Xattrs.set(upper.resolve("file"), "user.note", "hi".getBytes(StandardCharsets.UTF_8));
  }

  private LayerBlob write(LayerOptions options) throws Exception {
    return LayerWriter.write(OverlayChanges.of(upper), options, content);
  }

  @Test
  void writesWhiteoutsOpaqueDirsLinksDevicesAndPaxHeaders() throws Exception {
    LayerBlob layer = write(new LayerOptions(Compression.UNCOMPRESSED, 0, Optional.empty()));
    assertThat(layer.diffId()).isEqualTo(layer.blob().digest());
    List<TarArchiveEntry> entries = entries(content.open(layer.blob().digest()));
    assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(
        "a" + "a".repeat(89) + "/", LONG, "etc/", "etc/opq/", "etc/opq/.wh..wh..opq", "etc/opq/kept",
        "etc/.wh.removed", "file", ".wh.gone", "hard", "null", "sym");
    TarArchiveEntry file = byName(entries, "file");
    assertThat(file.getMode()).isEqualTo(04755);
    assertThat(file.getLongUserId()).isEqualTo(70000);
    assertThat(file.getExtraPaxHeader("SCHILY.xattr.user.note")).isEqualTo("hi");
    assertThat(byName(entries, "hard").isLink()).isTrue();
    assertThat(byName(entries, "hard").getLinkName()).isEqualTo("file");
    assertThat(byName(entries, "sym").getLinkName()).isEqualTo("file");
    assertThat(byName(entries, "null").isCharacterDevice()).isTrue();
    assertThat(byName(entries, "null").getDevMinor()).isEqualTo(3);
    assertThat(byName(entries, "etc/opq/").getExtraPaxHeader("SCHILY.xattr.trusted.overlay.opaque")).isNull();
  }

  @Test
  void gzipAndZstdBlobsHoldTheSameTarAndDigestsMatchTheBytes() throws Exception {
    LayerBlob plain = write(new LayerOptions(Compression.UNCOMPRESSED, 0, Optional.empty()));
    LayerBlob gz = write(new LayerOptions(Compression.GZIP, 9, Optional.empty()));
    LayerBlob zst = write(new LayerOptions(Compression.ZSTD, 3, Optional.empty()));
    byte[] tar = bytes(plain);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(bytes(gz))).readAllBytes()).isEqualTo(tar);
    assertThat(new ZstdInputStream(new ByteArrayInputStream(bytes(zst))).readAllBytes()).isEqualTo(tar);
    assertThat(gz.diffId()).isEqualTo(plain.diffId()).isEqualTo(zst.diffId());
    assertThat(Digest.of(bytes(gz))).isEqualTo(gz.blob().digest());
    assertThat(gz.blob().size()).isEqualTo(bytes(gz).length);
    assertThat(zst.blob().mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");
  }

  @Test
  void clampingTimesMakesTheLayerIndependentOfWhenFilesWereWritten() throws Exception {
    Instant epoch = Instant.ofEpochSecond(1_000_000);
    LayerOptions clamped = new LayerOptions(Compression.GZIP, 6, Optional.of(epoch));
    LayerBlob first = write(clamped);
    Files.setLastModifiedTime(upper.resolve("file"), FileTime.from(Instant.now().plusSeconds(5)));
    LayerBlob second = write(clamped);
    assertThat(second.blob().digest()).isEqualTo(first.blob().digest());
    List<TarArchiveEntry> entries = entries(new GZIPInputStream(content.open(first.blob().digest())));
    assertThat(entries).allMatch(e -> e.getModTime().toInstant().getEpochSecond() <= epoch.getEpochSecond());
  }

  @Test
  void manyFilesReadAheadLandInOrderWithTheirBytesAndAChangedFileShowsItsNewContent() throws Exception {
    Path up = Files.createDirectories(tmp.resolve("many"));
    java.util.Random random = new java.util.Random(7);
    List<String> names = new ArrayList<>();
    for (int d = 0; d < 5; d++) {
      for (int f = 0; f < 120; f++) { // several read-ahead batches, some past the bytes a batch takes
        String name = "d" + d + "/f" + String.format("%03d", f);
        byte[] data = new byte[random.nextInt(70_000)];
        random.nextBytes(data);
        Files.createDirectories(up.resolve(name).getParent());
        Files.write(up.resolve(name), data);
        names.add(name);
      }
    }
    byte[] big = new byte[ReadAhead.SMALL_FILE + 12_345]; // streamed by the writer, not read ahead
    random.nextBytes(big);
    Files.write(up.resolve("d2/big"), big);
    Files.createSymbolicLink(up.resolve("d3/link"), Path.of("f001"));
    LayerOptions gzip = LayerOptions.gzip();
    LayerBlob first = LayerWriter.write(OverlayChanges.of(up), gzip, content);
    assertThat(LayerWriter.write(OverlayChanges.of(up), gzip, content)).as("the same tree, the same bytes").isEqualTo(first);

    Files.writeString(up.resolve("d4/f077"), "new content");
    LayerBlob changed = LayerWriter.write(OverlayChanges.of(up), gzip, content);
    assertThat(changed.diffId()).isNotEqualTo(first.diffId());
    try (TarArchiveInputStream t = new TarArchiveInputStream(new GZIPInputStream(content.open(changed.blob().digest())))) {
      List<String> seen = new ArrayList<>();
      for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
        seen.add(e.getName());
        if (!e.isFile() || e.isSymbolicLink()) continue;
        Digest expected = Digest.of(Files.readAllBytes(up.resolve(e.getName())));
        assertThat(Digest.of(t.readAllBytes())).as(e.getName()).isEqualTo(expected);
      }
      assertThat(seen).containsSubsequence(names).contains("d2/big", "d3/link");
      assertThat(seen.indexOf("d2/big")).isLessThan(seen.indexOf("d2/f000"));
    }
  }

  private byte[] bytes(LayerBlob b) throws Exception {
    try (InputStream in = content.open(b.blob().digest())) {
      return in.readAllBytes();
    }
  }

  private static List<TarArchiveEntry> entries(InputStream in) throws Exception {
    List<TarArchiveEntry> out = new ArrayList<>();
    try (TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) out.add(e);
    }
    return out;
  }

  private static TarArchiveEntry byName(List<TarArchiveEntry> entries, String name) {
    return entries.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void binaryXattrValuesSurviveAsRawPaxBytes() throws Exception {
    Path up = Files.createDirectories(tmp.resolve("bin-upper"));
    String name = "c".repeat(120) + "-\u00e9";
    Path f = up.resolve(name);
    Files.writeString(f, "caps");
    PosixFiles.lchown(f, 9_000_000, 7);
    Xattrs.set(f, "user.bin", new byte[] {(byte) 0xff, 0, 1, (byte) 0x80});
    Xattrs.set(f, "user.text", "plain".getBytes(StandardCharsets.UTF_8));
    LayerBlob layer = LayerWriter.write(OverlayChanges.of(up), new LayerOptions(Compression.UNCOMPRESSED, 0,
        Optional.empty()), content);
    Path tar = tmp.resolve("bin.tar");
    try (InputStream in = content.open(layer.blob().digest())) {
      Files.copy(in, tar);
    }
    // Python's tarfile, like Go's archive/tar, keeps PAX values as raw bytes (surrogateescape).
    String script = String.join("\n", "import sys, tarfile",
        "t = tarfile.open(sys.argv[1])", "m = t.getmembers()", "assert len(m) == 1, m", "e = m[0]",
        "print(e.name.encode('utf-8', 'surrogateescape').hex(), e.uid, e.gid, e.size)",
        "print(e.pax_headers['SCHILY.xattr.user.bin'].encode('utf-8', 'surrogateescape').hex())",
        "print(e.pax_headers['SCHILY.xattr.user.text'])",
        "print(t.extractfile(e).read().decode())");
    Process p = new ProcessBuilder("python3", "-c", script, tar.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    String nameHex = java.util.HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8));
    assertThat(out).isEqualTo(nameHex + " 9000000 7 4\nff000180\nplain\ncaps\n");
  }

  @Test
  void anEmptyLayerHasTheWellKnownEmptyTarDiffId() throws Exception {
    LayerBlob empty = LayerWriter.write(List.of(), LayerOptions.gzip(), content);
    // 1024 zero bytes, as Go's archive/tar writes it: the diffID Docker and BuildKit images carry.
    assertThat(empty.diffId().value())
        .isEqualTo("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
  }
}
