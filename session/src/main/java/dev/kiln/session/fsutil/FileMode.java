package dev.kiln.session.fsutil;

/**
 * Go's {@code os.FileMode} bits, which fsutil puts on the wire instead of {@code st_mode}
 * (buildkit-wire §3.3).
 */
public final class FileMode {
  public static final int DIR = 1 << 31;
  public static final int SYMLINK = 1 << 27;
  public static final int DEVICE = 1 << 26;
  public static final int NAMED_PIPE = 1 << 25;
  public static final int SOCKET = 1 << 24;
  public static final int SETUID = 1 << 23;
  public static final int SETGID = 1 << 22;
  public static final int CHAR_DEVICE = 1 << 21;
  public static final int STICKY = 1 << 20;
  public static final int IRREGULAR = 1 << 19;
  private static final int TYPE = DIR | SYMLINK | DEVICE | NAMED_PIPE | SOCKET | CHAR_DEVICE | IRREGULAR;

  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFCHR = 0020000;

  private FileMode() {}

  public static int fromUnix(int stMode) {
    int mode = stMode & 0777;
    mode |= switch (stMode & S_IFMT) {
      case S_IFDIR -> DIR;
      case S_IFLNK -> SYMLINK;
      case S_IFIFO -> NAMED_PIPE;
      case S_IFSOCK -> SOCKET;
      case S_IFBLK -> DEVICE;
      case S_IFCHR -> DEVICE | CHAR_DEVICE;
      default -> 0;
    };
    if ((stMode & 04000) != 0) mode |= SETUID;
    if ((stMode & 02000) != 0) mode |= SETGID;
    if ((stMode & 01000) != 0) mode |= STICKY;
    return mode;
  }

  /** Permission plus setuid/setgid/sticky bits as {@code chmod} takes them. */
  public static int toUnixPermissions(int goMode) {
    int mode = goMode & 0777;
    if ((goMode & SETUID) != 0) mode |= 04000;
    if ((goMode & SETGID) != 0) mode |= 02000;
    if ((goMode & STICKY) != 0) mode |= 01000;
    return mode;
  }

  public static boolean isDir(int goMode) {
    return (goMode & DIR) != 0;
  }

  public static boolean isSymlink(int goMode) {
    return (goMode & SYMLINK) != 0;
  }

  public static boolean isRegular(int goMode) {
    return (goMode & TYPE) == 0;
  }
}
