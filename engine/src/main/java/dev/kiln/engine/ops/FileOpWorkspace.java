package dev.kiln.engine.ops;

import dev.kiln.engine.fs.DeferredLinks;
import dev.kiln.engine.fs.HardLinks;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.FileAction;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshots one file op works on. Index space as in LLB: {@code 0..n-1} are op inputs (mounted
 * read-only on demand), {@code n+i} is the result of action {@code i}, {@code -1} is scratch. An
 * action continues in place on the previous action's snapshot when nothing else reads it, so a
 * linear chain costs one snapshot; otherwise the earlier result is committed and built upon.
 *
 * <p>A single-action copy from an input that is one committed snapshot directory (not an overlay
 * of several) hard-links the files it does not change ({@link #linksFor}) when snapshots are
 * layers: into a snapshot without parents directly, into an overlay once it is unmounted
 * ({@link DeferredLinks}: in the upper dir, placeholders only in directories that existed before).
 */
final class FileOpWorkspace implements AutoCloseable {
  private final SnapshotRefs refs;
  private final List<Result> inputs;
  private final List<FileAction> actions;
  private final Map<Integer, MountedTree> inputViews = new HashMap<>();
  private final List<String> active = new ArrayList<>();
  private final List<MountedTree> trees = new ArrayList<>();
  private final Map<Integer, String> committed = new HashMap<>();
  private final List<String> snapshotOfAction = new ArrayList<>();
  private final List<MountedTree> treeOfAction = new ArrayList<>();
  private final List<DeferredLinks> deferred = new ArrayList<>();

  FileOpWorkspace(SnapshotRefs refs, List<Result> inputs, List<FileAction> actions) {
    this.refs = refs;
    this.inputs = inputs;
    this.actions = actions;
  }

  /** Prepares the snapshot action {@code index} writes to, on top of its base; returns its root. */
  Path begin(int index, long base) throws IOException {
    int n = inputs.size();
    String snapshot;
    MountedTree tree;
    if (base >= n && base - n == index - 1 && onlyReader(index - 1, index)) {
      snapshot = snapshotOfAction.get(index - 1);
      tree = treeOfAction.get(index - 1);
    } else {
      snapshot = refs.store().prepare(parentSnapshot(base));
      active.add(snapshot);
      tree = refs.mountActive(snapshot);
      trees.add(tree);
    }
    snapshotOfAction.add(snapshot);
    treeOfAction.add(tree);
    return tree.root();
  }

  private String parentSnapshot(long base) throws IOException {
    int n = inputs.size();
    if (base < 0) return null;
    if (base < n) return SnapshotRefs.snapshotId(inputs.get((int) base));
    int action = (int) base - n;
    String snapshot = snapshotOfAction.get(action);
    if (!committed.containsValue(snapshot)) {
      refs.store().commit(snapshot);
      active.remove(snapshot);
      committed.put(action, snapshot);
    }
    return snapshot;
  }

  /** Whether action {@code reader} is the only later action reading action {@code action}'s result. */
  private boolean onlyReader(int action, int reader) {
    long index = inputs.size() + action;
    for (int i = action + 1; i < actions.size(); i++) {
      FileAction a = actions.get(i);
      boolean reads = a.getInput() == index || a.getSecondaryInput() == index;
      if (reads && i != reader) return false;
      if (i == reader && a.getSecondaryInput() == index) return false;
    }
    return true;
  }

  /**
   * How action {@code index}, copying from LLB index {@code srcIndex}, may share its source's files
   * (after {@link #begin} and {@link #rootOf} for both).
   */
  HardLinks linksFor(int index, long srcIndex) {
    MountedTree source = srcIndex >= 0 && srcIndex < inputs.size() ? inputViews.get((int) srcIndex) : null;
    if (source == null || source.mounted()) return HardLinks.NONE; // not one immutable directory
    // Full-tree snapshots copy their parent's tree, keeping links among its names: two copies of
    // one file in two layers would become one file there. Layers never meet in one directory.
    if (!refs.store().driver().layered()) return HardLinks.NONE;
    // One action: no later action of the op can write a linked file or see a placeholder, and no
    // source inode gets two names in the layer.
    if (actions.size() != 1) return HardLinks.NONE;
    MountedTree target = treeOfAction.get(index);
    if (!target.mounted()) return HardLinks.direct();
    DeferredLinks links = new DeferredLinks(target.root(), refs.store().changesDir(snapshotOfAction.get(index)));
    deferred.add(links);
    return links;
  }

  /** Host root of an LLB file-op index, or null for scratch. */
  Path rootOf(long index) {
    int n = inputs.size();
    if (index < 0) return null;
    try {
      if (index < n) {
        MountedTree view = inputViews.get((int) index);
        if (view == null) {
          view = refs.view(SnapshotRefs.snapshotId(inputs.get((int) index)));
          inputViews.put((int) index, view);
        }
        return view.root();
      }
      return treeOfAction.get((int) index - n).root();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Commits the last action's snapshot; the caller owns the returned id's result. */
  String commitLast() throws IOException {
    String last = snapshotOfAction.getLast();
    closeTrees();
    for (DeferredLinks links : deferred) links.finish();
    if (!committed.containsValue(last)) {
      refs.store().commit(last);
      active.remove(last);
    }
    return last;
  }

  private void closeTrees() throws IOException {
    for (MountedTree t : trees) t.close();
    trees.clear();
    for (MountedTree t : inputViews.values()) t.close();
    inputViews.clear();
  }

  /** Releases mounts and removes snapshots that were never committed (failure or intermediates). */
  @Override
  public void close() throws IOException {
    closeTrees();
    for (String id : active) {
      refs.store().remove(id);
    }
    active.clear();
  }
}
