package dev.kiln.engine.exporter.oci;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/** A tarball of small files and blobs with fixed times and owners, so equal images give equal bytes. */
class ArchiveOut implements LayoutSink {
  private final TarArchiveOutputStream tar;
  private final BufferedOutputStream buffered;
  private final ContentStore content;
  private final long mtimeMillis;

  ArchiveOut(OutputStream out, ContentStore content, Instant mtime) {
    // The caller owns out: finishing the tar must not close it. The tar stream writes each
    // 512-byte record on its own, so a buffer spares a syscall per record of every blob.
    this.buffered = new BufferedOutputStream(out, 1 << 20);
    this.tar = new TarArchiveOutputStream(new FilterOutputStream(buffered) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    }, 512, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    // Sizes of 8 GiB and more in the header's base-256 form (as GNU tar), so a blob's header is
    // one record however large the blob: FileArchive writes it in place after the blob.
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    this.content = content;
    this.mtimeMillis = mtime.getEpochSecond() * 1000;
  }

  @Override
  public void dir(String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name + "/");
    e.setMode(0755);
    e.setModTime(mtimeMillis);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  @Override
  public void file(String name, byte[] bytes) throws IOException {
    TarArchiveEntry e = entry(name, bytes.length);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  @Override
  public void blob(String name, Descriptor d) throws IOException {
    tar.putArchiveEntry(entry(name, d.size()));
    try (InputStream in = content.open(d.digest())) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
  }

  /**
   * Writes out every complete entry; between entries the tar stream holds nothing back (records
   * of 512 bytes, one per block), so the underlying stream then ends on an entry boundary.
   */
  void flush() throws IOException {
    buffered.flush();
  }

  /** The one 512-byte header record of a blob entry, exactly as the tar stream writes it. */
  byte[] blobHeader(String name, long size) throws IOException {
    byte[] record = new byte[512];
    entry(name, size).writeEntryHeader(record, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8), true);
    return record;
  }

  private TarArchiveEntry entry(String name, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(0644);
    e.setSize(size);
    e.setModTime(mtimeMillis);
    return e;
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.close();
  }
}
