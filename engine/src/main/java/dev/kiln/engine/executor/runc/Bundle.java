package dev.kiln.engine.executor.runc;

import dev.kiln.engine.executor.ExecMount;
import dev.kiln.engine.fs.Trees;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one run: the OCI bundle directory ({@code config.json}, generated /etc files, runc's
 * pid file and log) and a private directory for secrets outside any snapshot. {@link #delete()}
 * removes both.
 */
final class Bundle {
  /** What runc and the setup put in every bundle. */
  private static final List<String> STANDARD_FILES = List.of("config.json", "init.pid", "runc.log");

  private final Path dir;
  private final Path secretsDir;
  private final List<String> written = new ArrayList<>();
  private int secrets;

  private Bundle(Path dir, Path secretsDir) {
    this.dir = dir;
    this.secretsDir = secretsDir;
  }

  static Bundle create(RuncConfig config, String id) throws IOException {
    Path dir = config.bundles().resolve(id);
    if (!Files.isDirectory(dir.getParent())) Files.createDirectories(dir.getParent());
    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx--x--x")));
    return new Bundle(dir, config.secretsRoot().resolve(id));
  }

  Path dir() {
    return dir;
  }

  Path configFile() {
    return dir.resolve("config.json");
  }

  Path pidFile() {
    return dir.resolve("init.pid");
  }

  Path logFile() {
    return dir.resolve("runc.log");
  }

  /** Writes a world-readable file into the bundle, e.g. {@code hosts}. */
  Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    written.add(name);
    Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    Files.setAttribute(file, "unix:mode", 0644);
    return file;
  }

  /**
   * Writes a secret into the private secrets directory (mode 0700, root's): created 0600 so its
   * bytes are never readable by others, then given the requested owner and mode.
   */
  Path writeSecret(ExecMount.Secret secret) throws IOException {
    if (secrets == 0) {
      Files.createDirectories(secretsDir.getParent(), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      checkPrivate(secretsDir.getParent());
      Files.createDirectory(secretsDir, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    }
    Path file = secretsDir.resolve("secret-" + secrets++);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.write(file, secret.content(), StandardOpenOption.WRITE);
    Files.setAttribute(file, "unix:uid", secret.uid());
    Files.setAttribute(file, "unix:gid", secret.gid());
    Files.setAttribute(file, "unix:mode", secret.mode());
    return file;
  }

  /**
   * The secrets root has a predictable name in a shared directory (/dev/shm): refuse it unless it
   * is a real directory of ours that nobody else can enter, or another user could pre-create it.
   */
  static void checkPrivate(Path dir) throws IOException {
    int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    boolean isDir = (mode & 0170000) == 0040000;
    if (!isDir || owner != self || (mode & 0077) != 0) {
      throw new IOException("refusing to write secrets to " + dir + ": it must be a directory"
          + " owned by uid " + self + " with mode 0700 (remove it and retry)");
    }
  }

  /** Removes the bundle and the secrets; safe to call when parts never existed. */
  void delete() throws IOException {
    if (secrets > 0) deleteTree(secretsDir);
    // The files it holds are known: unlinked by name, without a tree walk's listing and visits.
    for (String name : STANDARD_FILES) Files.deleteIfExists(dir.resolve(name));
    for (String name : written) Files.deleteIfExists(dir.resolve(name));
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      deleteTree(dir); // something unexpected, e.g. runc's temporary pid file after a failure
    }
  }

  static void deleteTree(Path root) throws IOException {
    Trees.deleteRecursively(root);
  }
}
