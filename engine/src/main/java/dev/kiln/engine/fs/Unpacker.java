package dev.kiln.engine.fs;

import dev.kiln.engine.fs.Metadata.Overrides;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * ADD's archive handling: a regular source file that is a tar (plain, gzip, bzip2 or xz) is
 * extracted into the destination directory instead of being copied. Anything else (including a
 * corrupt archive) is reported as "not an archive" and copied normally.
 */
final class Unpacker {
  private Unpacker() {}

  /** Extracts {@code src} into {@code dest} if it is an archive; false when it is not one. */
  static boolean unpackIfArchive(
      Path srcRoot, String src, Path destRoot, String dest, Overrides overrides)
      throws IOException {
    Path archive = RootedResolver.resolve(srcRoot, src);
    if (!Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS) || !isTar(archive)) {
      return false;
    }
    Path destDir = RootedResolver.resolve(destRoot, dest);
    Dirs.mkdirAll(destDir, 0755, overrides.owner(), overrides.time());
    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(archive))) {
      new TarExtractor(destDir).extract(tar);
    }
    return true;
  }

  /** Like moby's isArchivePath: the (decompressed) stream yields a valid first tar header. */
  static boolean isTar(Path file) {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(file))) {
      return tar.getNextEntry() != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static InputStream decompressed(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    try {
      in.mark(8);
      byte[] magic = in.readNBytes(6);
      in.reset();
      if (startsWith(magic, 0x1f, 0x8b)) {
        return GzipCompressorInputStream.builder()
            .setInputStream(in)
            .setDecompressConcatenated(true)
            .get();
      }
      if (startsWith(magic, 'B', 'Z', 'h')) {
        return new BZip2CompressorInputStream(in, true);
      }
      if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
        return XZCompressorInputStream.builder()
            .setInputStream(in)
            .setDecompressConcatenated(true)
            .get();
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static boolean startsWith(byte[] data, int... magic) {
    if (data.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((data[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
