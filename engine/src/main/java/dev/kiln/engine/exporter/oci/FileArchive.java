package dev.kiln.engine.exporter.oci;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.layer.LayerSink;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * An image tarball written to a file, which takes the image's layers as they are decided: a new
 * blob's compressed bytes go into the file while they are produced, after a placeholder header that
 * is filled in once the digest and size are known, so the blob is not copied again from the store.
 * Reused blobs are copied in their turn. The bytes equal {@link ArchiveOut}'s for the same entries.
 */
final class FileArchive extends ArchiveOut implements LayerSink {
  private static final int RECORD = 512;
  private final FileChannel file;
  private final Set<Digest> present = new HashSet<>();
  private long newBlobStart = -1;

  FileArchive(FileChannel file, ContentStore content, Instant mtime) {
    super(Channels.newOutputStream(file), content, mtime);
    this.file = file;
  }

  static String blobName(Descriptor d) {
    return "blobs/sha256/" + d.digest().hex();
  }

  @Override
  public OutputStream beginNew() throws IOException {
    flush();
    newBlobStart = file.position();
    writeFully(ByteBuffer.allocate(RECORD)); // the header's place
    // The layer writer does not close it; closing a channel stream would close the file.
    return Channels.newOutputStream(file);
  }

  @Override
  public void endNew(Descriptor blob) throws IOException {
    long start = newBlobStart;
    newBlobStart = -1;
    if (!present.add(blob.digest())) { // an identical layer is in the file already
      dropFrom(start);
      return;
    }
    int padding = (int) ((RECORD - file.position() % RECORD) % RECORD);
    writeFully(ByteBuffer.allocate(padding));
    ByteBuffer header = ByteBuffer.wrap(blobHeader(blobName(blob), blob.size()));
    while (header.hasRemaining()) file.write(header, start + header.position());
  }

  @Override
  public void abortNew() {
    if (newBlobStart < 0) return;
    try {
      dropFrom(newBlobStart);
    } catch (IOException e) {
      // the export fails anyway; its file is not an archive
    }
    newBlobStart = -1;
  }

  @Override
  public void layer(Descriptor blob) throws IOException {
    blob(blobName(blob), blob);
  }

  @Override
  public void blob(String name, Descriptor d) throws IOException {
    if (present.add(d.digest())) super.blob(name, d);
  }

  private void dropFrom(long start) throws IOException {
    file.truncate(start);
    file.position(start);
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) file.write(b);
  }
}
