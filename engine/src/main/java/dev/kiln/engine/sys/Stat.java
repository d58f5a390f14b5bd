package dev.kiln.engine.sys;

import java.time.Instant;

/**
 * What lstat says about a path (from statx(2), which has one layout on every architecture).
 *
 * @param mode file type and permission bits, as in {@code st_mode}
 * @param dev the device holding the inode, {@code makedev(major, minor)}
 * @param rdev for a device node, the device it stands for
 */
public record Stat(
    int mode,
    int uid,
    int gid,
    long size,
    long ino,
    long dev,
    int nlink,
    long rdev,
    Instant atime,
    Instant mtime,
    Instant ctime) {

  public static final int S_IFMT = 0170000;
  public static final int S_IFSOCK = 0140000;
  public static final int S_IFLNK = 0120000;
  public static final int S_IFREG = 0100000;
  public static final int S_IFBLK = 0060000;
  public static final int S_IFDIR = 0040000;
  public static final int S_IFCHR = 0020000;
  public static final int S_IFIFO = 0010000;

  /** The type bits ({@code S_IF*}). */
  public int type() {
    return mode & S_IFMT;
  }

  /** Permission bits including setuid, setgid and sticky. */
  public int perm() {
    return mode & 07777;
  }

  public boolean isDirectory() {
    return type() == S_IFDIR;
  }

  public boolean isRegularFile() {
    return type() == S_IFREG;
  }

  public boolean isSymlink() {
    return type() == S_IFLNK;
  }

  /** Device nodes, fifos and sockets: recreated with mknod, never read. */
  public boolean isSpecial() {
    int t = type();
    return t == S_IFCHR || t == S_IFBLK || t == S_IFIFO || t == S_IFSOCK;
  }

  /** glibc's makedev: the split 12+20 bit major, 8+24 bit minor encoding. */
  public static long makedev(long major, long minor) {
    return ((major & 0xfffL) << 8)
        | ((major & 0xfffff000L) << 32)
        | (minor & 0xffL)
        | ((minor & 0xffffff00L) << 12);
  }

  public static long major(long dev) {
    return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
  }

  public static long minor(long dev) {
    return (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
  }
}
