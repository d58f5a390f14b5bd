package dev.kiln.engine.content;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Content store on the local filesystem: {@code blobs/sha256/<hex>} under the root, in-progress
 * writes under {@code ingest/}. A blob is written to a temp file, fsynced, verified, then renamed
 * into place, so a crash never leaves a half-written blob under a digest name.
 */
public final class FileContentStore implements ContentStore {
  private final Path blobs;
  private final Path ingest;

  public FileContentStore(Path root) throws IOException {
    this.blobs = root.resolve("blobs/sha256");
    this.ingest = root.resolve("ingest");
    Files.createDirectories(blobs);
    Files.createDirectories(ingest);
  }

  Path blobPath(Digest d) {
    return blobs.resolve(d.hex());
  }

  @Override
  public Optional<Long> size(Digest digest) throws IOException {
    try {
      return Optional.of(Files.size(blobPath(digest)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    try {
      return Files.newInputStream(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException("blob " + digest + " is not in the content store");
    }
  }

  @Override
  public Digest write(InputStream data, Digest expected, long expectedSize) throws IOException {
    if (expected != null && exists(expected)) {
      data.transferTo(java.io.OutputStream.nullOutputStream());
      return expected;
    }
    try (Ingest in = ingest("write-" + UUID.randomUUID())) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = data.read(buf)) > 0; ) {
        in.write(buf, 0, n);
      }
      return in.commit(expected, expectedSize);
    }
  }

  @Override
  public Ingest ingest(String ref) throws IOException {
    return new FileIngest(ingestFile(ref), true);
  }

  @Override
  public Ingest ingestVerifiedByWriter(String ref) throws IOException {
    return new FileIngest(ingestFile(ref), false);
  }

  private Path ingestFile(String ref) {
    if (!ref.matches("[A-Za-z0-9._:@-]+")) {
      throw new IllegalArgumentException("invalid ingest ref: " + ref);
    }
    return ingest.resolve(ref.replace(':', '_'));
  }

  @Override
  public void verify(Digest digest) throws IOException {
    try (InputStream in = open(digest)) {
      Digest actual = digestOf(in);
      if (!actual.equals(digest)) {
        throw new ContentMismatchException("blob " + digest + " is corrupt: its content hashes to " + actual);
      }
    }
  }

  @Override
  public void delete(Digest digest) throws IOException {
    Files.deleteIfExists(blobPath(digest));
  }

  @Override
  public List<Digest> list() throws IOException {
    try (Stream<Path> s = Files.list(blobs)) {
      List<Digest> out = new ArrayList<>();
      s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}")).sorted()
          .forEach(n -> out.add(Digest.parse("sha256:" + n)));
      return out;
    }
  }

  /** Removes every in-progress ingest; called on start when no build can be using them. */
  public void sweepIngests() throws IOException {
    try (Stream<Path> s = Files.list(ingest)) {
      for (Path p : s.toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static Digest digestOf(InputStream in) throws IOException {
    MessageDigest sha = Sha256.newDigest();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      sha.update(buf, 0, n);
    }
    return Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
  }

  /**
   * One ingest file; the hash is rebuilt from the partial data when resuming. Without hashing (the
   * writer verifies), commit trusts the expected digest.
   */
  private final class FileIngest implements Ingest {
    private final Path file;
    private final FileChannel channel;
    private final MessageDigest sha; // null: the writer verifies the digest
    private long offset;

    FileIngest(Path file, boolean hash) throws IOException {
      this.file = file;
      this.sha = hash ? Sha256.newDigest() : null;
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (sha == null) {
        offset = channel.size();
      } else {
        try (InputStream existing = Files.newInputStream(file)) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = existing.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
            offset += n;
          }
        }
      }
      channel.position(offset);
    }

    @Override
    public long offset() {
      return offset;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      if (sha != null) sha.update(buf, off, len);
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf, off, len);
      while (bb.hasRemaining()) {
        channel.write(bb);
      }
      offset += len;
    }

    @Override
    public Digest commit(Digest expected, long expectedSize) throws IOException {
      if (sha == null && expected == null) {
        channel.close();
        Files.deleteIfExists(file);
        throw new IllegalArgumentException("an ingest its writer verifies needs the expected digest");
      }
      Digest actual = sha == null ? expected : Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
      try {
        if (expectedSize >= 0 && offset != expectedSize) {
          throw new ContentMismatchException("size mismatch for " + (expected == null ? actual : expected)
              + ": expected " + expectedSize + " bytes, got " + offset);
        }
        if (expected != null && !expected.equals(actual)) {
          throw new ContentMismatchException("digest mismatch: expected " + expected + ", got " + actual);
        }
        channel.force(true);
        publish(actual);
        return actual;
      } finally {
        channel.close();
        Files.deleteIfExists(file);
      }
    }

    private void publish(Digest actual) throws IOException {
      Path target = blobPath(actual);
      if (Files.exists(target)) return;
      try {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // A concurrent writer published the same blob first; identical by construction.
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("content store root must be on one filesystem: " + target, e);
      }
    }

    @Override
    public void abort() throws IOException {
      channel.close();
      Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
      if (channel.isOpen()) {
        channel.force(false);
        channel.close();
      }
    }
  }
}
