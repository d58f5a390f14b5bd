package dev.kiln.engine.ops;

import com.google.protobuf.MessageLite;
import dev.kiln.llb.DeterministicProto;
import dev.kiln.llb.Digest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cache-map digests of ops: a versioned namespace plus the op's own definition, never its input
 * digests or metadata (inputs enter the key through their own keys or content).
 */
final class CacheMaps {
  private CacheMaps() {}

  static String digest(String namespace, MessageLite... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((namespace + "\n").getBytes(StandardCharsets.UTF_8));
    for (MessageLite part : parts) {
      byte[] bytes = DeterministicProto.bytes(part);
      out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(bytes);
    }
    return Digest.of(out.toByteArray()).value();
  }

  static String digestOfText(String text) {
    return Digest.of(text.getBytes(StandardCharsets.UTF_8)).value();
  }
}
