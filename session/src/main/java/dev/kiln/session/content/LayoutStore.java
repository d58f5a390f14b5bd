package dev.kiln.session.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A client-side content store over an OCI layout directory, laid out as containerd's local store
 * (which buildctl serves): blobs at {@code blobs/sha256/<hex>}, writes in progress under
 * {@code ingest/<hash of ref>}, moved into place once their digest checks. Thread-safe for
 * distinct refs; one writer per ref.
 */
final class LayoutStore {
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private final Path root;

  LayoutStore(Path root) {
    this.root = root;
  }

  /** A stored blob's file; the digest is checked so a request cannot name a path outside the store. */
  Path blob(String digest) throws IOException {
    if (!SHA256.matcher(digest).matches()) throw new IllegalArgumentException("unsupported digest '" + digest + "'");
    return root.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
  }

  boolean exists(String digest) throws IOException {
    return Files.isRegularFile(blob(digest));
  }

  /** Size and modification time of a blob; NoSuchFileException when absent. */
  long size(String digest) throws IOException {
    return Files.size(blob(digest));
  }

  FileTime modified(String digest) throws IOException {
    return Files.getLastModifiedTime(blob(digest));
  }

  InputStream open(String digest, long offset) throws IOException {
    FileChannel channel = FileChannel.open(blob(digest), StandardOpenOption.READ);
    channel.position(offset);
    return Channels.newInputStream(channel);
  }

  void delete(String digest) throws IOException {
    if (!Files.deleteIfExists(blob(digest))) throw new NoSuchFileException(digest);
  }

  /** Every stored blob's digest. */
  List<String> list() throws IOException {
    Path dir = root.resolve("blobs").resolve("sha256");
    if (!Files.isDirectory(dir)) return List.of();
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> "sha256:" + p.getFileName()).filter(d -> SHA256.matcher(d).matches()).sorted().forEach(out::add);
    }
    return out;
  }

  /** The ingest file of {@code ref} (which may hold any characters: its hash names the file). */
  Path ingest(String ref) throws IOException {
    return Files.createDirectories(root.resolve("ingest")).resolve(sha256Hex(ref.getBytes(StandardCharsets.UTF_8)));
  }

  /** Moves a complete ingest into place; an existing blob (same digest, same bytes) is kept. */
  void publish(Path ingest, String digest) throws IOException {
    Path target = blob(digest);
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      Files.delete(ingest);
      return;
    }
    try (FileChannel c = FileChannel.open(ingest, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(ingest, target, StandardCopyOption.ATOMIC_MOVE);
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
