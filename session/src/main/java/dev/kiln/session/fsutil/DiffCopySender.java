package dev.kiln.session.fsutil;

import com.google.protobuf.ByteString;
import dev.kiln.proto.fsutil.Packet;
import dev.kiln.proto.fsutil.Packet.PacketType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sending half of fsutil DiffCopy (buildkit-wire §3.3): STAT per entry (implicit ids), an empty
 * STAT, then DATA for each REQ in 32 KiB chunks ending with an empty DATA, and FIN in answer to FIN.
 */
public final class DiffCopySender {
  static final int CHUNK = 32 * 1024;

  private DiffCopySender() {}

  /**
   * Sends {@code root} through {@code channel}; returns the number of content bytes sent.
   *
   * @param rootOwned send every entry as owned by uid/gid 0 (buildctl does for local dirs)
   */
  public static long send(Path root, PathFilter filter, boolean rootOwned, PacketChannel channel) throws IOException {
    List<TreeWalker.Entry> entries = TreeWalker.walk(root, filter, rootOwned);
    for (TreeWalker.Entry entry : entries) {
      channel.send(Packet.newBuilder().setType(PacketType.PACKET_STAT).setStat(entry.stat()).build());
    }
    channel.send(Packet.newBuilder().setType(PacketType.PACKET_STAT).build());
    long sent = 0;
    while (true) {
      Packet packet = channel.receive();
      if (packet == null) {
        throw new IOException("receiver closed the stream before FIN");
      }
      switch (packet.getType()) {
        case PACKET_REQ -> sent += sendFile(entries, packet.getID(), channel);
        case PACKET_FIN -> {
          channel.send(Packet.newBuilder().setType(PacketType.PACKET_FIN).build());
          return sent;
        }
        case PACKET_ERR -> throw new IOException("receiver failed: " + packet.getData().toStringUtf8());
        default -> throw new IOException("unexpected " + packet.getType() + " packet from the receiver");
      }
    }
  }

  private static long sendFile(List<TreeWalker.Entry> entries, int id, PacketChannel channel) throws IOException {
    if (id < 0 || id >= entries.size() || entries.get(id).file() == null
        || !FileMode.isRegular(entries.get(id).stat().getMode())) {
      throw new IOException("receiver asked for entry " + id + ", which is not a regular file");
    }
    long sent = 0;
    try (InputStream in = Files.newInputStream(entries.get(id).file())) {
      byte[] buffer = new byte[CHUNK];
      for (int n; (n = in.readNBytes(buffer, 0, CHUNK)) > 0; sent += n) {
        channel.send(Packet.newBuilder().setType(PacketType.PACKET_DATA).setID(id)
            .setData(ByteString.copyFrom(buffer, 0, n)).build());
      }
    }
    channel.send(Packet.newBuilder().setType(PacketType.PACKET_DATA).setID(id).build());
    return sent;
  }
}
