package dev.kiln.engine.snapshot;

import dev.kiln.engine.snapshot.overlay.OverlayDriver;

/** Needs root and overlayfs, as the engine does when it picks this driver. */
class OverlaySnapshotStoreTest extends SnapshotStoreContract {
  @Override
  SnapshotDriver driver() {
    return new OverlayDriver();
  }
}
