package dev.kiln.engine.fs;

import dev.kiln.engine.sys.Errno;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.SysException;
import dev.kiln.engine.sys.Xattrs;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Gives a copied entry its source's metadata, or the overrides of a file action. Order matters:
 * chown clears setuid bits and security.capability, so owner first, then mode, then xattrs;
 * times last, as nothing after it may touch the inode's data.
 */
final class Metadata {
  private static final System.Logger LOG = System.getLogger(Metadata.class.getName());

  /** What a file action imposes on every entry; null fields keep the source's value. */
  record Overrides(Owner owner, Integer mode, Instant time) {
    static final Overrides NONE = new Overrides(null, null, null);
  }

  /** How xattr failures are treated: BuildKit's file op logs and goes on, cp -a must not. */
  enum XattrPolicy {
    BEST_EFFORT,
    STRICT
  }

  private Metadata() {}

  static void apply(Stat st, Path src, Path target, Overrides o, XattrPolicy xattrs)
      throws SysException {
    Owner owner = o.owner() != null ? o.owner() : new Owner(st.uid(), st.gid());
    PosixFiles.lchown(target, owner.uid(), owner.gid());
    if (!st.isSymlink()) {
      int perm = o.mode() == null ? st.perm() : (st.perm() & ~0777) | (o.mode() & 0777);
      PosixFiles.chmod(target, perm);
    }
    copyXattrs(src, target, xattrs);
    setTimes(st, target, o.time());
  }

  /** The source's atime/mtime, or {@code time} for both when given. */
  static void setTimes(Stat st, Path target, Instant time) throws SysException {
    if (time != null) {
      PosixFiles.setTimes(target, time, time);
    } else {
      PosixFiles.setTimes(target, st.atime(), st.mtime());
    }
  }

  static void copyXattrs(Path src, Path target, XattrPolicy policy) throws SysException {
    try {
      for (String name : Xattrs.list(src)) {
        var value = Xattrs.get(src, name);
        if (value.isPresent()) {
          Xattrs.set(target, name, value.get());
        }
      }
    } catch (SysException e) {
      if (policy == XattrPolicy.STRICT && e.errno() != Errno.EOPNOTSUPP) {
        throw e;
      }
      LOG.log(Level.WARNING, "xattrs not copied to {0}: {1}", target, e.getMessage());
    }
  }
}
