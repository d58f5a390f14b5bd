package dev.kiln.session.fsutil;

import dev.kiln.proto.fsutil.Stat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the receiver's STAT list before anything touches disk: relative clean paths, no {@code ..},
 * each entry's parent sent before it, no duplicates, hard links only to earlier regular files.
 */
final class StatValidator {
  private final Map<String, Integer> modes = new HashMap<>();

  void check(Stat stat) throws IOException {
    String path = stat.getPath();
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
      throw new IOException("invalid path in file transfer: \"" + path + "\"");
    }
    for (String part : path.split("/")) {
      if (part.equals("..") || part.equals(".")) {
        throw new IOException("path escapes the target directory: \"" + path + "\"");
      }
    }
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      Integer parent = modes.get(path.substring(0, slash));
      if (parent == null || !FileMode.isDir(parent)) {
        throw new IOException("\"" + path + "\" arrived before its parent directory");
      }
    }
    if (modes.putIfAbsent(path, stat.getMode()) != null) {
      throw new IOException("\"" + path + "\" was sent twice");
    }
    if (isHardlink(stat)) {
      Integer target = modes.get(stat.getLinkname());
      if (target == null || !FileMode.isRegular(target)) {
        throw new IOException("hard link \"" + path + "\" points to \"" + stat.getLinkname() + "\", not an earlier file");
      }
    }
  }

  static boolean isHardlink(Stat stat) {
    return FileMode.isRegular(stat.getMode()) && !stat.getLinkname().isEmpty();
  }
}
