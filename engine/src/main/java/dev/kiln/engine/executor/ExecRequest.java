package dev.kiln.engine.executor;

import java.util.List;
import java.util.Objects;

/**
 * One process to run: what to run ({@link Meta}), on which root filesystem, with which extra
 * mounts, where its output goes and how it may be cancelled.
 *
 * @param rootfs an already-mounted host directory; the executor never mounts or unmounts it
 * @param mounts extra mounts, applied in list order (a later mount may cover an earlier one)
 */
public record ExecRequest(
    Meta meta, RootFs rootfs, List<ExecMount> mounts, Stdio stdio, CancelHandle cancel) {
  public ExecRequest {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(rootfs, "rootfs");
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(stdio, "stdio");
    Objects.requireNonNull(cancel, "cancel");
  }

  /** A request without extra mounts, with discarded output and a fresh cancel handle. */
  public static ExecRequest of(Meta meta, RootFs rootfs) {
    return new ExecRequest(meta, rootfs, List.of(), Stdio.discard(), new CancelHandle());
  }

  public ExecRequest withMounts(List<ExecMount> newMounts) {
    return new ExecRequest(meta, rootfs, newMounts, stdio, cancel);
  }

  public ExecRequest withStdio(Stdio newStdio) {
    return new ExecRequest(meta, rootfs, mounts, newStdio, cancel);
  }

  public ExecRequest withCancel(CancelHandle newCancel) {
    return new ExecRequest(meta, rootfs, mounts, stdio, newCancel);
  }
}
