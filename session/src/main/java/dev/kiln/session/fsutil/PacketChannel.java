package dev.kiln.session.fsutil;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.kiln.proto.fsutil.Packet;
import dev.kiln.session.MessageStream;
import java.io.IOException;

/** Where DiffCopy packets go and come from: a typed stream, or raw bytes (FileSend carries Packets as BytesMessage). */
public interface PacketChannel {
  void send(Packet packet) throws IOException;

  /** The next packet, or null when the peer half-closed. */
  Packet receive() throws IOException;

  static PacketChannel of(MessageStream<Packet, Packet> stream) {
    return new PacketChannel() {
      @Override
      public void send(Packet packet) {
        stream.send(packet);
      }

      @Override
      public Packet receive() throws IOException {
        return stream.receive();
      }
    };
  }

  /** Packets serialized into raw message bodies. */
  static PacketChannel ofBytes(MessageStream<byte[], byte[]> stream) {
    return new PacketChannel() {
      @Override
      public void send(Packet packet) {
        stream.send(packet.toByteArray());
      }

      @Override
      public Packet receive() throws IOException {
        byte[] data = stream.receive();
        if (data == null) {
          return null;
        }
        try {
          return Packet.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
          throw new IOException("malformed fsutil packet from the peer", e);
        }
      }
    };
  }
}
