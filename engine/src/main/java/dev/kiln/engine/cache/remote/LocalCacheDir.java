package dev.kiln.engine.cache.remote;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.DescriptorJson;
import dev.kiln.engine.image.Digests;
import dev.kiln.engine.source.ocilayout.OciLayout;
import dev.kiln.llb.Digest;
import dev.kiln.registry.layout.LayoutIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A cache as an OCI layout directory ({@code type=local}): blobs under {@code blobs/sha256}, the
 * cache index as a blob, and {@code index.json} naming it under {@code org.opencontainers.image.ref.name}
 * = tag. Other tags in an existing {@code index.json} are kept. Blobs are written to a temporary
 * name and renamed, and {@code index.json} last, so a crash never leaves it naming a missing blob:
 * the previous export stays importable, and the next writer deletes the temporary files.
 */
public final class LocalCacheDir {
  private static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final String INGEST = ".ingest-";
  private static final String TMP = ".tmp-";
  private static final Map<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

  private LocalCacheDir() {}

  /**
   * Writes {@code cache} into {@code dir}; returns the cache index's descriptor. One writer at a
   * time per directory (a lock on its {@code oci-layout} file, and within this process a lock per
   * path), so the writer can first delete the temporary files of one that was killed.
   */
  public static Descriptor write(Path dir, String tag, ExportedCache cache, ContentStore content, boolean oci,
      boolean imageManifest) throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    ReentrantLock inProcess = WRITERS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
    inProcess.lock();
    try (FileChannel layout = FileChannel.open(dir.resolve("oci-layout"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock _ = layout.lock()) {
      deleteTemporaries(dir);
      deleteTemporaries(blobs);
      Descriptor index = writeLocked(dir, blobs, tag, cache, content, oci, imageManifest);
      // Written through the locked channel: closing another descriptor of the file would drop the lock.
      layout.truncate(0).write(ByteBuffer.wrap(LayoutIndex.OCI_LAYOUT_FILE.getBytes(StandardCharsets.UTF_8)));
      return index;
    } finally {
      inProcess.unlock();
    }
  }

  private static Descriptor writeLocked(Path dir, Path blobs, String tag, ExportedCache cache, ContentStore content,
      boolean oci, boolean imageManifest) throws IOException {
    for (Descriptor b : cache.blobs()) {
      Path target = blobs.resolve(b.digest().hex());
      if (Files.exists(target) && Files.size(target) == b.size()) continue;
      if (!content.exists(b.digest())) cache.missing().fetch(b.digest());
      try (InputStream in = content.open(b.digest())) {
        Path tmp = Files.createTempFile(blobs, INGEST, "");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    byte[] configJson = cache.config().toJson();
    Descriptor config = new Descriptor(CacheConfig.MEDIA_TYPE, Digest.of(configJson), configJson.length);
    writeBlob(blobs, configJson);
    byte[] indexJson = CacheIndex.write(cache, config, oci, imageManifest);
    Descriptor index = new Descriptor(CacheIndex.mediaType(oci, imageManifest), Digest.of(indexJson),
        indexJson.length, Map.of(REF_NAME, tag));
    writeBlob(blobs, indexJson);
    Path indexFile = dir.resolve("index.json");
    replaceAtomically(indexFile, LayoutIndex.merged(indexFile, DescriptorJson.of(index), List.of(new LayoutIndex.Name.Tag(tag))));
    return index;
  }

  /** Deletes what a killed writer left half-written in {@code dir}; only while holding the writer's lock. */
  private static void deleteTemporaries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(INGEST) || name.startsWith(TMP)) Files.deleteIfExists(f);
      }
    }
  }

  /** Reads the cache tagged {@code tag}, or the one with {@code digest} when given. */
  public static ImportedCache open(Path dir, String tag, String digest) throws IOException {
    OciLayout layout = OciLayout.open(dir);
    dev.kiln.registry.Descriptor index = digest.isEmpty()
        ? layout.tagged(tag).orElseThrow(() -> new IOException("the cache directory " + dir + " has no tag '" + tag + "'"))
        : layout.describe(dev.kiln.registry.Digest.parse(digest));
    CacheIndex.Parsed parsed = CacheIndex.parse(layout.read(index));
    Descriptor c = parsed.config();
    byte[] config = layout.read(new dev.kiln.registry.Descriptor(c.mediaType(), Digests.toRegistry(c.digest()), c.size()));
    return new ImportedCache(CacheConfig.parse(config), parsed.blobs(), layout.fetcher(), ImportedCache.BlobOrigin.NONE);
  }

  private static void writeBlob(Path blobs, byte[] bytes) throws IOException {
    replaceAtomically(blobs.resolve(Digest.of(bytes).hex()), bytes);
  }

  private static void replaceAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), TMP, "");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
