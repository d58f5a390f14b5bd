package dev.kiln.engine.executor.oci;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Mount points runc had to create in the rootfs (BuildKit's {@code executor.MountStubsCleaner}).
 * Recorded before the run, removed after it so they do not end up in the snapshot: the leaf only,
 * or with {@code recursive} every parent that did not exist either. Only empty directories and
 * empty files are removed, so anything the process wrote there survives.
 */
public final class MountStubs {
  private final List<Path> stubs;

  private MountStubs(List<Path> stubs) {
    this.stubs = stubs;
  }

  /** Notes which of {@code dests} (container paths) do not exist yet under {@code rootfs}. */
  public static MountStubs record(Path rootfs, List<String> dests, boolean recursive)
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
    return new MountStubs(List.copyOf(deepestFirst));
  }

  public List<Path> paths() {
    return stubs;
  }

  /**
   * Removes the stubs that are still empty, deepest first. Like BuildKit, it puts each parent's
   * mtime back after the removal, so cleaning up is not one more change. Call once the container
   * is gone.
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

  private static void removeKeepingParentTime(Path stub) throws IOException {
    Path parent = stub.getParent();
    FileTime parentTime = Files.getLastModifiedTime(parent, LinkOption.NOFOLLOW_LINKS);
    try {
      Files.delete(stub);
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      return; // the process put something there, or removed the stub itself
    }
    Files.setLastModifiedTime(parent, parentTime);
  }
}
