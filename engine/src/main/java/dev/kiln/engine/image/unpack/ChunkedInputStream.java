package dev.kiln.engine.image.unpack;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream over whole chunks of bytes that another thread hands over (a queue's items):
 * subclasses say how the next chunk is taken, this class serves reads from it.
 */
public abstract class ChunkedInputStream extends InputStream {
  private byte[] current = new byte[0];
  private int pos;
  private boolean ended;

  /** The next chunk (possibly empty), or null at the end of the stream; blocks until there is one. */
  protected abstract byte[] nextChunk() throws IOException;

  /** False at the end of the stream; throws what {@link #nextChunk} throws. */
  protected final boolean fill() throws IOException {
    while (!ended && pos == current.length) {
      byte[] next = nextChunk();
      if (next == null) {
        ended = true;
      } else {
        current = next;
        pos = 0;
      }
    }
    return !ended;
  }

  @Override
  public int read() throws IOException {
    return fill() ? current[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (!fill()) return -1;
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - pos;
  }
}
