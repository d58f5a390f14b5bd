package dev.kiln.registry.testing;

import dev.kiln.registry.BlobSink;
import dev.kiln.registry.ByteArraySink;
import dev.kiln.registry.Descriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** A memory sink that may start with a prefix "from an earlier attempt" and records calls. */
public final class RecordingSink implements BlobSink {
  private final ByteArraySink data = new ByteArraySink();
  private final byte[] prefix;
  public final List<Long> opens = new ArrayList<>();
  public int commits;
  public int discards;

  public RecordingSink() {
    this(new byte[0]);
  }

  public RecordingSink(byte[] prefix) {
    this.prefix = prefix.clone();
    try (OutputStream out = data.open(0)) {
      out.write(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public long storedBytes() {
    return prefix.length;
  }

  @Override
  public InputStream readStored() {
    return new ByteArrayInputStream(prefix);
  }

  @Override
  public OutputStream open(long offset) {
    opens.add(offset);
    return data.open(offset);
  }

  @Override
  public void commit(Descriptor verified) {
    commits++;
  }

  @Override
  public void discard() {
    discards++;
    data.discard();
  }

  public byte[] bytes() {
    return data.bytes();
  }
}
