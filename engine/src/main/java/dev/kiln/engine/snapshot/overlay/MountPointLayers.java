package dev.kiln.engine.snapshot.overlay;

import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tiny extra lower layers that give a writable mount the mount points a container needs (such as
 * {@code /etc/hosts} on an image without one) without touching its upper dir: the layer holds the
 * missing empty files and copies of their parent directories, same mode, owner, times and
 * extended attributes, so the merged tree looks exactly as before apart from the new files. runc
 * then mounts over files that exist, and nothing is copied up or left to clean. One layer per
 * distinct need, made once and shared by later mounts; the directory is scratch space, cleared
 * when the engine starts.
 */
final class MountPointLayers {
  /** Answers remembered; beyond this many they are all forgotten (a few per base image in use). */
  private static final int MAX_KNOWN = 1024;

  private final Path root;
  /**
   * Answers by lower layers and files. Lower layers are committed snapshots, which never change,
   * so an answer stays right while its layer exists: a RUN step on the same base then skips the
   * lookups in each layer, the attribute reads and the hashing.
   */
  private final Map<List<List<?>>, java.util.Optional<Path>> known = new ConcurrentHashMap<>();

  MountPointLayers(Path root) {
    this.root = root;
  }

  /**
   * A layer with those of {@code files} (absolute in-root paths) that {@code layers} lack but
   * whose parent directories they have; empty when there are none. {@code layers} must be
   * committed snapshots' directories.
   */
  java.util.Optional<Path> layerFor(List<Path> layers, List<String> files) throws IOException {
    List<List<?>> question = List.of(List.copyOf(layers), List.copyOf(files));
    var answer = known.get(question);
    if (answer != null && (answer.isEmpty() || Files.isDirectory(answer.get()))) return answer;
    answer = find(layers, files);
    if (known.size() >= MAX_KNOWN) known.clear();
    known.put(question, answer);
    return answer;
  }

  private java.util.Optional<Path> find(List<Path> layers, List<String> files) throws IOException {
    TreeSet<String> missing = new TreeSet<>();
    TreeMap<String, Path> parents = new TreeMap<>(); // in-root dir → the lower dir it copies
    for (String file : files) {
      String rel = withoutLeadingSlashes(file);
      int slash = rel.lastIndexOf('/');
      if (slash <= 0 || LowerLayers.find(layers, rel).isPresent()) continue;
      TreeMap<String, Path> chain = new TreeMap<>();
      for (String dir = rel.substring(0, slash); ; dir = dir.substring(0, dir.lastIndexOf('/'))) {
        var lower = LowerLayers.directory(layers, dir);
        if (lower.isEmpty()) {
          chain = null; // runc creates what is missing on the way, and the executor removes it
          break;
        }
        chain.put(dir, lower.get());
        if (dir.indexOf('/') < 0) break;
      }
      if (chain == null) continue;
      missing.add(rel);
      parents.putAll(chain);
    }
    if (missing.isEmpty()) return java.util.Optional.empty();
    Path layer = root.resolve(key(missing, parents));
    if (!Files.isDirectory(layer)) create(layer, missing, parents);
    return java.util.Optional.of(layer);
  }

  private static String withoutLeadingSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') start++;
    return path.substring(start);
  }

  /** Names the layer after everything it holds, so an equal need finds it again. */
  private static String key(TreeSet<String> files, TreeMap<String, Path> parents) throws IOException {
    MessageDigest sha = sha256();
    for (String f : files) sha.update(("f " + f + "\n").getBytes(StandardCharsets.UTF_8));
    for (var e : parents.entrySet()) {
      Stat st = PosixFiles.lstat(e.getValue());
      // The mtime as numbers: Instant.toString formats through DateTimeFormatter, on every mount.
      sha.update(("d " + e.getKey() + " " + st.mode() + " " + st.uid() + " " + st.gid() + " "
          + st.mtime().getEpochSecond() + "." + st.mtime().getNano() + "\n").getBytes(StandardCharsets.UTF_8));
      for (var x : new TreeMap<>(UnchangedDirs.visible(UnchangedDirs.xattrs(e.getValue()))).entrySet()) {
        sha.update(("x " + x.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(x.getValue());
      }
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  /** Built under a temporary name and renamed into place; a concurrent twin's layer is as good. */
  private void create(Path layer, TreeSet<String> files, TreeMap<String, Path> parents) throws IOException {
    Files.createDirectories(root);
    Path tmp = Files.createTempDirectory(root, ".new-");
    try {
      for (String dir : parents.keySet()) Files.createDirectory(tmp.resolve(dir)); // parents sort first
      for (String f : files) Files.createFile(tmp.resolve(f));
      List<String> deepestFirst = new ArrayList<>(parents.descendingKeySet());
      for (String dir : deepestFirst) copyAttributes(parents.get(dir), tmp.resolve(dir));
      moveIntoPlace(tmp, layer);
    } catch (IOException | RuntimeException e) {
      Trees.deleteRecursively(tmp);
      throw e;
    }
  }

  /**
   * Renames {@code tmp} to {@code layer}, or drops it when a concurrent twin got there first:
   * rename(2) onto a non-empty directory fails with ENOTEMPTY, which the JDK reports as a plain
   * {@link FileSystemException} (parallel stages on one base image meet this on their first RUN).
   */
  static void moveIntoPlace(Path tmp, Path layer) throws IOException {
    try {
      Files.move(tmp, layer, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileSystemException e) {
      if (!Files.isDirectory(layer)) throw e;
      Trees.deleteRecursively(tmp);
    }
  }

  private static void copyAttributes(Path from, Path to) throws IOException {
    Stat st = PosixFiles.lstat(from);
    for (Map.Entry<String, byte[]> x : UnchangedDirs.visible(UnchangedDirs.xattrs(from)).entrySet()) {
      Xattrs.set(to, x.getKey(), x.getValue());
    }
    PosixFiles.lchown(to, st.uid(), st.gid());
    PosixFiles.chmod(to, st.perm());
    PosixFiles.setTimes(to, st.atime(), st.mtime());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
