package dev.kiln.engine.worker;

import dev.kiln.engine.exporter.ResultContent;
import dev.kiln.engine.snapshot.MountTargets;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.solver.Result;
import dev.kiln.solver.ResultLoader;
import dev.kiln.solver.SharedResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Committed snapshots as solver results: the result id is {@code snapshot:<id>}. A result holds
 * its snapshot against removal until released; releasing never deletes it — the cache still
 * points at it; removal is the collector's job.
 */
public final class SnapshotRefs implements ResultLoader {
  private static final String PREFIX = SnapshotStore.RESULT_PREFIX;

  /** Idle mount points kept: one per RUN step's root and input views of a few concurrent builds. */
  private static final int IDLE_MOUNT_TARGETS = 16;

  private final SnapshotStore store;
  private final MountTargets mountTargets;

  /** {@code tmp}: a scratch directory, cleared when the engine starts, for mount points. */
  public SnapshotRefs(SnapshotStore store, Path tmp) {
    this.store = store;
    this.mountTargets = new MountTargets(tmp, IDLE_MOUNT_TARGETS);
  }

  /** Removes the mount points kept for reuse (at engine close: nothing is left in the scratch directory). */
  public void clearMountTargets() throws IOException {
    mountTargets.clear();
  }

  public SnapshotStore store() {
    return store;
  }

  /**
   * A new handle on committed snapshot {@code id}. While any clone of it is unreleased the
   * snapshot is held: {@link SnapshotStore#remove} refuses it.
   *
   * @throws IllegalStateException the snapshot is being removed
   */
  public Result result(String id) {
    if (!store.hold(id)) throw new IllegalStateException("snapshot " + id + " is being removed");
    return SharedResult.of(PREFIX + id, id, store::release);
  }

  /** The result id of snapshot {@code id}, as cache records name it. */
  public static String resultId(String snapshotId) {
    return PREFIX + snapshotId;
  }

  /**
   * The snapshot id behind a result this engine produced. A lazy result (a hit from an imported
   * cache) is fetched and unpacked here, the first time anything needs its files.
   *
   * @throws UncheckedIOException the lazy result could not be materialised
   */
  public static String snapshotId(Result r) {
    if (r instanceof SharedResult<?> s && s.value() instanceof ResultContent.Remote remote) {
      try {
        return remote.snapshotId();
      } catch (IOException e) {
        throw new UncheckedIOException("fetching imported result " + r.id() + ": " + e.getMessage(), e);
      }
    }
    if (!r.id().startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a snapshot result: " + r.id());
    }
    return r.id().substring(PREFIX.length());
  }

  /** What the result holds, without materialising a lazy one: exporters may need descriptors only. */
  public static ResultContent content(Result r) {
    if (r instanceof SharedResult<?> s && s.value() instanceof ResultContent.Remote remote) return remote;
    return new ResultContent.Snapshot(snapshotId(r)); // not lazy: no materialising
  }

  @Override
  public Optional<Result> load(String resultId) throws IOException {
    if (!resultId.startsWith(PREFIX)) return Optional.empty();
    String id = resultId.substring(PREFIX.length());
    // Hold first, then check: a removal that started earlier makes the hold fail, a later one sees it.
    if (!store.hold(id)) return Optional.empty();
    try {
      // A cache hit is a use: it counts for `kiln du` and keeps the snapshot from the collector.
      return store.touch(id) ? Optional.of(result(id)) : Optional.empty();
    } finally {
      store.release(id);
    }
  }

  /** Fills a new snapshot's tree. */
  @FunctionalInterface
  public interface TreeWork {
    void fill(Path root) throws Exception;
  }

  /**
   * A new committed snapshot on top of {@code parent} (null: empty), filled by {@code work}; on
   * failure nothing is left behind. The caller owns the returned result.
   */
  public Result build(String parent, TreeWork work) throws Exception {
    return buildWithDeletions(parent, root -> {
      work.fill(root);
      return List.of();
    });
  }

  /** Fills a new snapshot's tree and names the paths it deletes (see {@link SnapshotStore#recordDeletions}). */
  @FunctionalInterface
  public interface ChangeWork {
    List<String> fill(Path root) throws Exception;
  }

  /** Like {@link #build}, for a snapshot that is a set of changes: a diff or a merge of diffs. */
  public Result buildWithDeletions(String parent, ChangeWork work) throws Exception {
    String id = store.prepare(parent);
    try {
      List<String> deleted;
      try (MountedTree tree = mountActive(id)) {
        deleted = work.fill(tree.root());
      }
      store.recordDeletions(id, deleted);
    } catch (Exception e) {
      store.remove(id);
      throw e;
    }
    store.commit(id);
    return result(id);
  }

  /** Mounts a committed snapshot read-only. */
  public MountedTree view(String snapshotId) throws IOException {
    return MountedTree.mount(store.mounts(snapshotId, true), mountTargets);
  }

  /** Mounts an active snapshot read-write. */
  public MountedTree mountActive(String snapshotId) throws IOException {
    return MountedTree.mount(store.mounts(snapshotId, false), mountTargets);
  }

  /** Like {@link #mountActive(String)}, with mount points that stay out of the snapshot. */
  public MountedTree mountActive(String snapshotId, List<String> mountPoints) throws IOException {
    return MountedTree.mount(store.mountsWithMountPoints(snapshotId, mountPoints), mountTargets);
  }
}
