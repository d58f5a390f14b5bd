package dev.kiln.engine;

import dev.kiln.engine.exporter.ResultContent;
import dev.kiln.engine.gc.ActiveBuilds;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.solver.CachedResult;
import dev.kiln.solver.Job;
import dev.kiln.solver.progress.ProgressEvent;
import java.io.IOException;
import java.util.List;

/** A solved build: its result snapshot, whether it came from the cache, and its progress history. */
public final class SolveResult implements AutoCloseable {
  private final Job job;
  private final CachedResult result;
  private final SnapshotRefs refs;
  private final ActiveBuilds.Build build;
  private final AutoCloseable imports;

  SolveResult(Job job, CachedResult result, SnapshotRefs refs, ActiveBuilds.Build build, AutoCloseable imports) {
    this.imports = imports;
    this.job = job;
    this.result = result;
    this.refs = refs;
    this.build = build;
  }

  /** The result's snapshot; a lazy result from an imported cache is fetched and unpacked first. */
  public String snapshotId() {
    return SnapshotRefs.snapshotId(result.result());
  }

  /** What the result holds for exporters: a snapshot, or a remote layer chain not fetched yet. */
  public ResultContent content() {
    return SnapshotRefs.content(result.result());
  }

  /** The cache keys the result is known under (definition-based first), where a cache export starts. */
  public List<String> cacheKeys() {
    return result.cacheKeys();
  }

  /** True when the result was taken from the cache without running its op. */
  public boolean cached() {
    return result.cached();
  }

  public List<ProgressEvent> progress() {
    return job.progress();
  }

  /** The result's files, readable until the returned tree is closed. */
  public MountedTree open() throws IOException {
    return refs.view(snapshotId());
  }

  @Override
  public void close() {
    try {
      result.close();
      job.close();
      closeImports(imports);
    } finally {
      build.close(); // the collector may now remove what only this build kept
    }
  }

  static void closeImports(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the imported caches: " + e.getMessage(), e);
    }
  }
}
