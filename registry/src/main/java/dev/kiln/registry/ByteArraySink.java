package dev.kiln.registry;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** A {@link BlobSink} in memory, for manifests, configs and tests. Not thread-safe. */
public final class ByteArraySink implements BlobSink {
  private byte[] data = new byte[0];
  private int length;
  private boolean committed;

  @Override
  public OutputStream open(long offset) {
    length = Math.toIntExact(Math.min(offset, length));
    return new ByteArrayOutputStream() {
      @Override
      public void write(byte[] b, int off, int len) {
        ensure(length + len);
        System.arraycopy(b, off, data, length, len);
        length += len;
      }

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }
    };
  }

  private void ensure(int capacity) {
    if (capacity > data.length) {
      data = Arrays.copyOf(data, Math.max(capacity, data.length * 2));
    }
  }

  @Override
  public void commit(Descriptor verified) {
    committed = true;
  }

  @Override
  public void discard() {
    length = 0;
    committed = false;
  }

  public boolean committed() {
    return committed;
  }

  /** The bytes written so far. */
  public byte[] bytes() {
    return Arrays.copyOf(data, length);
  }
}
