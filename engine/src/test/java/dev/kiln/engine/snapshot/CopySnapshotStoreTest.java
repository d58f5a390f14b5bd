package dev.kiln.engine.snapshot;

import dev.kiln.engine.fs.TreeCopier;
import dev.kiln.engine.snapshot.copy.CopyDriver;

class CopySnapshotStoreTest extends SnapshotStoreContract {
  @Override
  SnapshotDriver driver() {
    TreeCopier copier = new TreeCopier();
    return new CopyDriver(copier::copy);
  }
}
