package dev.kiln.session.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;

/** SSH's wire encoding (RFC 4251 §5): uint32, length-prefixed strings, mpints; used by key files and the agent protocol. */
final class SshWire {
  private SshWire() {}

  /** Reads from a byte array; a short or malformed input is an IOException. */
  static final class Reader {
    private final ByteBuffer in;

    Reader(byte[] bytes) {
      this.in = ByteBuffer.wrap(bytes);
    }

    int uint32() throws IOException {
      try {
        return in.getInt();
      } catch (BufferUnderflowException e) {
        throw new IOException("truncated data");
      }
    }

    int uint8() throws IOException {
      try {
        return in.get() & 0xff;
      } catch (BufferUnderflowException e) {
        throw new IOException("truncated data");
      }
    }

    byte[] string() throws IOException {
      int length = uint32();
      if (length < 0 || length > in.remaining()) throw new IOException("truncated data");
      byte[] out = new byte[length];
      in.get(out);
      return out;
    }

    String text() throws IOException {
      return new String(string(), StandardCharsets.UTF_8);
    }

    BigInteger mpint() throws IOException {
      byte[] bytes = string();
      return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
    }

    byte[] rest() {
      byte[] out = new byte[in.remaining()];
      in.get(out);
      return out;
    }
  }

  /** Builds a message. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer uint8(int value) {
      out.write(value);
      return this;
    }

    Writer uint32(int value) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
      return this;
    }

    Writer string(byte[] bytes) {
      uint32(bytes.length);
      out.writeBytes(bytes);
      return this;
    }

    Writer text(String text) {
      return string(text.getBytes(StandardCharsets.UTF_8));
    }

    Writer mpint(BigInteger value) {
      return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
