package dev.kiln.engine.worker;

import dev.kiln.engine.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mounts a killed process left under the state directory (snapshot views, container roots). They
 * are detached before anything under them is removed; deepest first.
 */
final class StaleMounts {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private StaleMounts() {}

  static void unmountUnder(Path root) throws IOException {
    if (!Files.isReadable(MOUNTINFO)) return;
    Path base = root.toAbsolutePath().normalize();
    List<Path> stale = new ArrayList<>();
    for (String line : Files.readAllLines(MOUNTINFO)) {
      String[] fields = line.split(" ");
      if (fields.length < 5) continue;
      Path mountPoint = Path.of(unescape(fields[4]));
      if (mountPoint.startsWith(base) && !mountPoint.equals(base)) stale.add(mountPoint);
    }
    stale.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path p : stale) {
      Mounts.umount(p, Mounts.MNT_DETACH);
    }
  }

  /** mountinfo escapes space, tab, newline and backslash as octal {@code \\ooo}. */
  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
