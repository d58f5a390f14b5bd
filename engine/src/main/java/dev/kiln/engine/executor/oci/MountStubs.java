package dev.kiln.engine.executor.oci;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mount points runc had to create in the rootfs (BuildKit's {@code executor.MountStubsCleaner}).
 * Recorded before the run, removed after it so they do not end up in the snapshot: the leaf only,
 * or with {@code recursive} every parent that did not exist either. Only empty directories and
 * empty files are removed, so anything the process wrote there survives.
 *
 * <p>{@link #create} also makes the stubs whose parent directory exists itself, before runc, so it
 * knows the parent's times before and after: when nothing else touched the parent during the run,
 * removal puts back the times it had before the stubs, and the parent is as it was (on an overlay,
 * an unchanged copy the snapshot store can drop).
 */
public final class MountStubs {
  /** A mount point to be: container path, and whether a file (a bind of a file) or a directory. */
  public record Target(String dest, boolean file) {}

  /** A parent's times before the stubs were created in it, and its mtime right after. */
  private record ParentTimes(FileTime atime, FileTime mtime, FileTime mtimeWithStubs) {}

  private final List<Path> stubs;
  private final Map<Path, ParentTimes> parents;

  private MountStubs(List<Path> stubs, Map<Path, ParentTimes> parents) {
    this.stubs = stubs;
    this.parents = parents;
  }

  /** Notes which of {@code dests} (container paths) do not exist yet under {@code rootfs}. */
  public static MountStubs record(Path rootfs, List<String> dests, boolean recursive)
      throws IOException {
    return new MountStubs(missing(rootfs, dests, recursive), Map.of());
  }

  /**
   * Like {@link #record}, and creates each missing mount point whose parent directory exists (a
   * writable rootfs only); runc creates the rest as before.
   */
  public static MountStubs create(Path rootfs, List<Target> targets, boolean recursive)
      throws IOException {
    List<Path> stubs = missing(rootfs, targets.stream().map(Target::dest).toList(), recursive);
    Map<Path, ParentTimes> parents = new HashMap<>();
    for (Target t : targets) {
      Path stub = RootPath.resolve(rootfs, t.dest());
      Path parent = stub.getParent();
      if (!stubs.contains(stub) || Files.exists(stub, LinkOption.NOFOLLOW_LINKS)
          || !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
        continue; // already made for an earlier mount at the same place, or left to runc
      }
      if (!parents.containsKey(parent)) {
        BasicFileAttributes before = attributes(parent);
        parents.put(parent, new ParentTimes(before.lastAccessTime(), before.lastModifiedTime(), null));
      }
      if (t.file()) Files.createFile(stub);
      else Files.createDirectory(stub);
    }
    for (var e : parents.entrySet()) {
      e.setValue(new ParentTimes(e.getValue().atime(), e.getValue().mtime(), mtime(e.getKey())));
    }
    return new MountStubs(stubs, Map.copyOf(parents));
  }

  private static List<Path> missing(Path rootfs, List<String> dests, boolean recursive)
      throws IOException {
    Set<Path> missing = new LinkedHashSet<>();
    for (String dest : dests) {
      Path p = RootPath.resolve(rootfs, dest);
      while (!p.equals(rootfs) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        missing.add(p);
        if (!recursive) {
          break;
        }
        p = p.getParent();
      }
    }
    List<Path> deepestFirst = new ArrayList<>(missing);
    deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return List.copyOf(deepestFirst);
  }

  public List<Path> paths() {
    return stubs;
  }

  /**
   * Removes the stubs that are still empty, deepest first. Like BuildKit, it puts each parent's
   * mtime back after the removal, so cleaning up is not one more change; a parent the stubs were
   * created in by {@link #create} and that nothing else changed gets its times from before them.
   * Call once the container is gone.
   */
  public void remove() throws IOException {
    for (Path stub : stubs) {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(stub, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        continue;
      }
      boolean empty = attrs.isDirectory() || (attrs.isRegularFile() && attrs.size() == 0);
      if (empty) {
        removeKeepingParentTime(stub);
      }
    }
  }

  private void removeKeepingParentTime(Path stub) throws IOException {
    Path parent = stub.getParent();
    FileTime parentTime = mtime(parent);
    try {
      Files.delete(stub);
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      return; // the process put something there, or removed the stub itself
    }
    ParentTimes created = parents.get(parent);
    BasicFileAttributeView view =
        Files.getFileAttributeView(parent, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (created != null && parentTime.equals(created.mtimeWithStubs())) {
      view.setTimes(created.mtime(), created.atime(), null);
    } else {
      view.setTimes(parentTime, null, null);
    }
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static FileTime mtime(Path p) throws IOException {
    return attributes(p).lastModifiedTime();
  }
}
