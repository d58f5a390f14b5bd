package dev.kiln.session.fsutil;

import dev.kiln.proto.fsutil.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** fsutil's {@code Stat} of one file, as DiffCopy and the gateway's ReadDir/StatFile send it (Go mode bits, ns mtime). */
public final class FileStats {
  private FileStats() {}

  /**
   * @param rel the path to report
   * @param rootOwned report uid/gid 0 whatever the owner
   */
  public static Stat stat(Path file, String rel, boolean rootOwned) throws IOException {
    Map<String, Object> a = Files.readAttributes(file, "unix:mode,uid,gid,size,lastModifiedTime,rdev", LinkOption.NOFOLLOW_LINKS);
    int mode = FileMode.fromUnix((Integer) a.get("mode"));
    Stat.Builder stat = Stat.newBuilder()
        .setPath(rel)
        .setMode(mode)
        .setUid(rootOwned ? 0 : (Integer) a.get("uid"))
        .setGid(rootOwned ? 0 : (Integer) a.get("gid"))
        .setModTime(nanos((FileTime) a.get("lastModifiedTime")));
    if (FileMode.isRegular(mode)) {
      stat.setSize((Long) a.get("size"));
    } else if (FileMode.isSymlink(mode)) {
      stat.setLinkname(Files.readSymbolicLink(file).toString());
    } else if ((mode & FileMode.DEVICE) != 0) {
      long rdev = (Long) a.get("rdev");
      stat.setDevmajor((rdev >> 8) & 0xfff).setDevminor((rdev & 0xff) | ((rdev >> 12) & 0xfff00));
    }
    return stat.build();
  }

  private static long nanos(FileTime time) {
    var instant = time.toInstant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
