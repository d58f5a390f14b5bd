package dev.kiln.engine.cache.contenthash;

import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.SysException;
import dev.kiln.engine.sys.Xattrs;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The bytes each digest covers. Versioned ({@code kiln.contenthash.v0}); fields are separated
 * by NUL, which names and numbers cannot contain. Times are left out on purpose: touching a
 * file must not bust the cache.
 */
final class Records {
  static final String VERSION = "kiln.contenthash.v0";

  private Records() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  static Digest finish(MessageDigest md) {
    return new Digest("sha256:" + HexFormat.of().formatHex(md.digest()));
  }

  /** Type, permission bits (with setuid/setgid/sticky), owner, device number, xattrs. */
  static void header(MessageDigest md, Node n) throws SysException {
    Stat st = n.st;
    put(md, VERSION);
    put(md, Integer.toOctalString(st.type()));
    put(md, Integer.toOctalString(st.isSymlink() ? 0 : st.perm()));
    put(md, Integer.toString(st.uid()));
    put(md, Integer.toString(st.gid()));
    if (st.type() == Stat.S_IFCHR || st.type() == Stat.S_IFBLK) {
      put(md, Stat.major(st.rdev()) + "," + Stat.minor(st.rdev()));
    }
    List<String> names = st.isSymlink() ? List.of() : Xattrs.list(n.host).stream().sorted().toList();
    for (String name : names) {
      var value = Xattrs.get(n.host, name);
      if (value.isPresent()) {
        put(md, "xattr:" + name);
        put(md, HexFormat.of().formatHex(value.get()));
      }
    }
    put(md, "");
  }

  /** A non-directory, non-regular entry: header plus, for a symlink, its target. */
  static Digest leaf(Node n) throws IOException {
    MessageDigest md = sha256();
    header(md, n);
    if (n.st.isSymlink()) {
      put(md, Files.readSymbolicLink(n.host).toString());
    }
    return finish(md);
  }

  /** A directory: its header, then each child's name and digest in name order. */
  static Digest directory(Node n) throws SysException {
    MessageDigest md = sha256();
    header(md, n);
    for (Node c : n.children) {
      put(md, c.name());
      put(md, c.digest.value());
    }
    return finish(md);
  }

  /** A directory's own header, without its children (for filtered checksums). */
  static Digest directoryHeader(Node n) throws SysException {
    MessageDigest md = sha256();
    header(md, n);
    return finish(md);
  }

  static void put(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }
}
