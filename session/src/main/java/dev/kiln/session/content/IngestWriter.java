package dev.kiln.session.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One {@code Write} in progress on the client's side: bytes land in the ref's ingest file, hashed as
 * they arrive; an ingest left by an interrupted write is continued from its end, as containerd's
 * writers are. Not thread-safe (gRPC delivers one stream's messages in order).
 */
final class IngestWriter implements AutoCloseable {
  private final LayoutStore store;
  private final Path file;
  private final FileChannel channel;
  private final String ref;
  private final long total;
  private final String expected;
  private final Instant started = Instant.now();
  private Instant updated = started;
  private MessageDigest hash = LayoutStore.sha256();
  private long offset;

  IngestWriter(LayoutStore store, String ref, long total, String expected) throws IOException {
    this.store = store;
    this.ref = ref;
    this.total = total;
    this.expected = expected;
    this.file = store.ingest(ref);
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    rehash(channel.size());
  }

  String ref() {
    return ref;
  }

  long offset() {
    return offset;
  }

  long total() {
    return total;
  }

  String expected() {
    return expected;
  }

  Instant started() {
    return started;
  }

  Instant updated() {
    return updated;
  }

  /** The digest of the bytes so far. */
  String digest() {
    try {
      return "sha256:" + HexFormat.of().formatHex(((MessageDigest) hash.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code data} at {@code at}: the current end, or an earlier point the writer starts again from. */
  void write(long at, ByteBuffer data) throws IOException {
    if (at != offset) {
      if (at > offset) throw new IOException("write at " + at + " past the end (" + offset + ") of ingest " + ref);
      rehash(at);
    }
    channel.position(offset);
    hash.update(data.duplicate());
    while (data.hasRemaining()) offset += channel.write(data);
    updated = Instant.now();
  }

  /** Checks size and digest, then publishes the blob; returns its digest. */
  String commit(long size, String expectedDigest) throws IOException {
    String digest = digest();
    if (size > 0 && size != offset) {
      throw new IOException("unexpected commit size " + offset + ", expected " + size + " (ingest " + ref + ")");
    }
    String want = expectedDigest.isEmpty() ? expected : expectedDigest;
    if (!want.isEmpty() && !want.equals(digest)) {
      throw new IOException("unexpected commit digest " + digest + ", expected " + want + " (ingest " + ref + ")");
    }
    channel.close();
    store.publish(file, digest);
    return digest;
  }

  /** Drops the ingest. */
  void abort() throws IOException {
    channel.close();
    Files.deleteIfExists(file);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Keeps the first {@code length} bytes and hashes them again. */
  private void rehash(long length) throws IOException {
    channel.truncate(length);
    hash = LayoutStore.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      long left = length;
      for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; left -= n) {
        hash.update(buffer, 0, n);
      }
    }
    offset = length;
  }
}
