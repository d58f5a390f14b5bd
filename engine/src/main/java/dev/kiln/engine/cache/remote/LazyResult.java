package dev.kiln.engine.cache.remote;

import dev.kiln.engine.exporter.ResultContent;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.util.List;

/**
 * The value behind one family of solver handles on a {@link RemoteChain}: the chain's descriptors,
 * and once something needed the files, a hold on the materialised snapshot until the last handle
 * is released (so the collector cannot remove it under a build). Thread-safe.
 */
final class LazyResult implements ResultContent.Remote {
  private final RemoteChain chain;
  private final SnapshotStore snapshots;
  private String held; // guarded by this

  LazyResult(RemoteChain chain, SnapshotStore snapshots) {
    this.chain = chain;
    this.snapshots = snapshots;
  }

  @Override
  public List<Layer> layers() {
    return chain.layers();
  }

  @Override
  public void fetchBlob(Digest blob) throws IOException {
    chain.fetchBlob(blob);
  }

  @Override
  public synchronized String snapshotId() throws IOException {
    if (held == null) {
      String id = chain.materialize();
      if (!snapshots.hold(id)) throw new IOException("the snapshot of imported result " + chain.resultId() + " is being removed");
      held = id;
    }
    return held;
  }

  /** Called once, when the last handle is released. */
  synchronized void release() {
    if (held != null) snapshots.release(held);
    held = null;
  }
}
