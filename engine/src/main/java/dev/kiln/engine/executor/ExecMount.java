package dev.kiln.engine.executor;

import dev.kiln.engine.snapshot.MountSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An extra mount of a process, at absolute path {@link #dest()} inside the container. Sources are
 * already resolved by the caller (a bind's selector sub-path included); runc performs the mounts.
 */
public sealed interface ExecMount {
  String dest();

  /** A host directory or file, bind-mounted read-only or read-write. */
  record Bind(String dest, Path source, boolean readonly) implements ExecMount {
    public Bind {
      checkDest(dest);
      Objects.requireNonNull(source, "source");
    }
  }

  /** A snapshot made visible by a mount description (bind or overlay). */
  record Snapshot(String dest, MountSpec mount) implements ExecMount {
    public Snapshot {
      checkDest(dest);
      Objects.requireNonNull(mount, "mount");
    }
  }

  /** A fresh tmpfs; {@code sizeBytes} 0 means the kernel default (half of RAM). */
  record Tmpfs(String dest, long sizeBytes) implements ExecMount {
    public Tmpfs {
      checkDest(dest);
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("tmpfs size must not be negative: " + sizeBytes);
      }
    }
  }

  /**
   * A secret file with the given bytes, owner and permission bits. The executor writes it to a
   * private directory outside any snapshot, mounts it read-only and deletes it afterwards. Its
   * content never appears in {@link #toString()}.
   */
  record Secret(String dest, byte[] content, int uid, int gid, int mode) implements ExecMount {
    public Secret {
      checkDest(dest);
      content = content.clone();
      checkMode(mode);
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Secret s
          && dest.equals(s.dest)
          && java.util.Arrays.equals(content, s.content)
          && uid == s.uid
          && gid == s.gid
          && mode == s.mode;
    }

    @Override
    public int hashCode() {
      return Objects.hash(dest, java.util.Arrays.hashCode(content), uid, gid, mode);
    }

    @Override
    public String toString() {
      return "Secret[dest=" + dest + ", uid=" + uid + ", gid=" + gid + ", mode=0"
          + Integer.toOctalString(mode) + ", content=<redacted>]";
    }
  }

  /**
   * An ssh-agent socket on the host, owned by this exec: the executor sets its owner and mode
   * before mounting it.
   */
  record SshSocket(String dest, Path socket, int uid, int gid, int mode) implements ExecMount {
    public SshSocket {
      checkDest(dest);
      Objects.requireNonNull(socket, "socket");
      checkMode(mode);
    }
  }

  private static void checkDest(String dest) {
    Objects.requireNonNull(dest, "dest");
    if (!dest.startsWith("/")) {
      throw new IllegalArgumentException("mount destination must be absolute: '" + dest + "'");
    }
  }

  private static void checkMode(int mode) {
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("invalid mode 0" + Integer.toOctalString(mode));
    }
  }
}
