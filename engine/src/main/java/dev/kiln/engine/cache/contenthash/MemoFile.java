package dev.kiln.engine.cache.contenthash;

import dev.kiln.engine.cache.contenthash.LocalContextChecksums.Known;
import dev.kiln.engine.cache.contenthash.LocalContextChecksums.StatKey;
import dev.kiln.llb.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The file form of a local context's checksum memo: for each regular file (in-root path) the stat
 * fields that prove it unchanged and its digest, like git's index. Written whole (temp, fsync,
 * rename) after a walk that learnt something. An entry is only trusted by an exact stat match and
 * holds no "racy" file ({@link LocalContextChecksums#racy}), so a stale entry can cost a re-hash,
 * never a wrong digest. Paths no longer present are dropped on write.
 */
final class MemoFile {
  private static final String MAGIC = "kiln.contextmemo.v1";
  private MemoFile() {}

  /** The entries recorded for {@code root}; empty when the file is missing, for another root or unreadable. */
  static Map<String, Known> read(Path file, Path root) {
    Map<String, Known> out = new HashMap<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(root.toString())) return Map.of();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String path = in.readUTF();
        StatKey key = StatKey.read(in);
        out.put(path, new Known(key, new Digest(in.readUTF())));
      }
      return out;
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException | RuntimeException e) {
      return Map.of(); // a torn or foreign file: start over, hashing is always correct
    }
  }

  /** @param present paths a walk just found: kept without checking that they still exist */
  static void write(Path file, Path root, Map<String, Known> entries, Set<String> present) throws IOException {
    Map<String, Known> kept = new HashMap<>();
    for (var e : entries.entrySet()) {
      if (present.contains(e.getKey()) || Files.exists(root.resolve(e.getKey().substring(1)), LinkOption.NOFOLLOW_LINKS)) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream raw = Channels.newOutputStream(ch);
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
      out.writeUTF(MAGIC);
      out.writeUTF(root.toString());
      out.writeInt(kept.size());
      for (var e : kept.entrySet()) {
        out.writeUTF(e.getKey());
        e.getValue().key().write(out);
        out.writeUTF(e.getValue().digest().value());
      }
      out.flush();
      ch.force(false);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
