package dev.kiln.session.fsutil;

import com.google.protobuf.ByteString;
import dev.kiln.proto.fsutil.Packet;
import dev.kiln.proto.fsutil.Packet.PacketType;
import dev.kiln.proto.fsutil.Stat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The receiving half of fsutil DiffCopy (buildkit-wire §3.3): reads and validates the STAT list,
 * requests every regular file, writes the tree into a directory (merging with what is there), then
 * FIN/FIN. Not thread-safe; one transfer per instance.
 */
public final class DiffCopyReceiver {
  private final Path target;
  private final boolean keepOwners;
  private final boolean reuse;
  private final List<Stat> stats = new ArrayList<>();
  /** Files requested whose data has not started: opened on their first DATA packet, so only the files
   * the sender is sending at the moment hold a descriptor (a context can have more files than the limit). */
  private final Map<Integer, Path> requested = new HashMap<>();
  private final Map<Integer, OutputStream> open = new HashMap<>();
  /** Regular files of a kept copy already equal to what was sent, metadata included: left alone. */
  private final Set<String> untouched = new HashSet<>();
  private long received;

  /** @param keepOwners apply the sent uid/gid (the daemon, as root); else files belong to this user */
  public DiffCopyReceiver(Path target, boolean keepOwners) {
    this(target, keepOwners, false);
  }

  /**
   * @param reuse {@code target} holds an earlier copy of the same directory: request only files whose
   *     size, mode or modification time changed, and remove what the sender no longer has
   */
  public DiffCopyReceiver(Path target, boolean keepOwners, boolean reuse) {
    this.target = target;
    this.keepOwners = keepOwners;
    this.reuse = reuse;
  }

  /** Runs the transfer; returns the number of content bytes received. */
  public long receive(PacketChannel channel) throws IOException {
    try {
      readStats(channel);
      int wanted = createEntries(channel);
      readData(channel, wanted);
      finishEntries();
    } catch (IOException e) {
      channel.send(Packet.newBuilder().setType(PacketType.PACKET_ERR).setData(ByteString.copyFromUtf8(String.valueOf(e.getMessage()))).build());
      throw e;
    } finally {
      for (OutputStream out : open.values()) out.close();
    }
    channel.send(Packet.newBuilder().setType(PacketType.PACKET_FIN).build());
    for (Packet p; (p = channel.receive()) != null; ) {
      if (p.getType() == PacketType.PACKET_FIN) break;
    }
    return received;
  }

  private void readStats(PacketChannel channel) throws IOException {
    StatValidator validator = new StatValidator();
    while (true) {
      Packet p = next(channel);
      if (p.getType() != PacketType.PACKET_STAT) {
        throw new IOException("expected STAT, got " + p.getType());
      }
      if (!p.hasStat()) {
        return;
      }
      validator.check(p.getStat());
      stats.add(p.getStat());
    }
  }

  /** Creates directories and symlinks, requests regular files; returns how many were requested. */
  private int createEntries(PacketChannel channel) throws IOException {
    Files.createDirectories(target);
    int wanted = 0;
    for (int id = 0; id < stats.size(); id++) {
      Stat stat = stats.get(id);
      Path path = resolve(stat.getPath());
      int mode = stat.getMode();
      if (FileMode.isDir(mode)) {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          deleteIfExists(path);
          Files.createDirectory(path);
        }
      } else if (FileMode.isSymlink(mode)) {
        deleteIfExists(path);
        Files.createSymbolicLink(path, Paths.get(stat.getLinkname()));
      } else if (FileMode.isRegular(mode) && !StatValidator.isHardlink(stat)) {
        if (reuse && Unchanged.test(path, stat, keepOwners)) {
          untouched.add(stat.getPath());
          continue;
        }
        deleteIfExists(path);
        requested.put(id, path);
        channel.send(Packet.newBuilder().setType(PacketType.PACKET_REQ).setID(id).build());
        wanted++;
      }
      // Devices, pipes and sockets are not recreated: outputs and contexts do not need them.
    }
    return wanted;
  }

  private void readData(PacketChannel channel, int wanted) throws IOException {
    while (wanted > 0) {
      Packet p = next(channel);
      if (p.getType() != PacketType.PACKET_DATA) {
        throw new IOException("expected DATA, got " + p.getType());
      }
      OutputStream out = open.get(p.getID());
      if (out == null) {
        Path path = requested.remove(p.getID());
        if (path == null) {
          throw new IOException("DATA for entry " + p.getID() + ", which was not requested or is complete");
        }
        out = Files.newOutputStream(path);
        open.put(p.getID(), out);
      }
      if (p.getData().isEmpty()) {
        out.close();
        open.remove(p.getID());
        wanted--;
      } else {
        p.getData().writeTo(out);
        received += p.getData().size();
      }
    }
  }

  /** Hard links, then modes, owners and times, deepest first so writing children does not touch a parent's mtime. */
  private void finishEntries() throws IOException {
    if (reuse) {
      Unchanged.prune(target, stats);
    }
    for (Stat stat : stats) {
      if (StatValidator.isHardlink(stat)) {
        Path path = resolve(stat.getPath());
        deleteIfExists(path);
        Files.createLink(path, resolve(stat.getLinkname()));
      }
    }
    for (int i = stats.size() - 1; i >= 0; i--) {
      // Setting even the same owner, mode or time moves a file's ctime, which would make every
      // unchanged file of a kept copy look changed to checksum memos keyed by stat.
      if (untouched.contains(stats.get(i).getPath())) continue;
      Metadata.apply(resolve(stats.get(i).getPath()), stats.get(i), keepOwners);
    }
  }

  private Path resolve(String rel) {
    return target.resolve(rel);
  }

  private static void deleteIfExists(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Path aside = Files.createTempDirectory(path.getParent(), ".kiln-replaced-");
      Files.move(path, aside.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
      Metadata.deleteTree(aside);
    } else {
      Files.deleteIfExists(path);
    }
  }

  private static Packet next(PacketChannel channel) throws IOException {
    Packet p = channel.receive();
    if (p == null) {
      throw new IOException("sender closed the stream mid-transfer");
    }
    if (p.getType() == PacketType.PACKET_ERR) {
      throw new IOException("sender failed: " + p.getData().toStringUtf8());
    }
    return p;
  }
}
