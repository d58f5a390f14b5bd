package dev.kiln.engine.gc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local source's checksum memos ({@code <root>/contenthash/<id>.memo}, one per context
 * directory ever built): {@code source.local} records, last used when last written. A memo only
 * saves re-hashing an unchanged context, so removing one is always safe (the next build hashes the
 * context again and writes it anew); one written at or after the fence stays.
 */
record ChecksumMemoRecords(Path dir) implements ExtraRecords {
  static final String PREFIX = "contenthash:";
  private static final String SUFFIX = ".memo";

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public List<UsageRecord> list(long inUseSince) throws IOException {
    List<UsageRecord> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(SUFFIX)) continue;
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(f, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
          continue;
        }
        Instant used = a.lastModifiedTime().toInstant();
        out.add(new UsageRecord(PREFIX + name.substring(0, name.length() - SUFFIX.length()), List.of(), a.size(), false,
            used.toEpochMilli() >= inUseSince, false, used, Optional.of(used), 0, "checksum memo of a local context",
            RecordType.SOURCE_LOCAL));
      }
    }
    return out;
  }

  @Override
  public boolean remove(String name, long fence) throws IOException {
    if (!name.matches("[0-9a-f]+")) return false;
    Path file = dir.resolve(name + SUFFIX);
    try {
      if (Files.getLastModifiedTime(file).toMillis() >= fence) return false;
      return Files.deleteIfExists(file);
    } catch (NoSuchFileException gone) {
      return false;
    }
  }
}
