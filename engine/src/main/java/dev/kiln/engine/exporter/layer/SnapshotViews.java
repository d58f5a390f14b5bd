package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.snapshot.MountedTree;
import java.io.IOException;

/** Read-only views of committed snapshots (the worker's {@code SnapshotRefs::view}). */
@FunctionalInterface
public interface SnapshotViews {
  MountedTree view(String snapshotId) throws IOException;
}
