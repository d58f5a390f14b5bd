package dev.kiln.engine.ops;

import dev.kiln.engine.cache.contenthash.ChecksumOptions;
import dev.kiln.engine.cache.contenthash.ImmutableChecksums;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.FileAction;
import dev.kiln.proto.pb.FileActionCopy;
import dev.kiln.solver.ContentDigester;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths a file op copies out of one of its inputs. They make the input's part of the cache
 * key its content — "COPY src/ hits the cache while src/ is unchanged" — and describe that part
 * (the selector) in words a miss explanation can show.
 */
record CopySources(List<FileActionCopy> copies) {
  static CopySources of(List<FileAction> actions, int input) {
    List<FileActionCopy> out = new ArrayList<>();
    for (FileAction a : actions) {
      if (a.hasCopy() && a.getSecondaryInput() == input) out.add(a.getCopy());
    }
    return new CopySources(out);
  }

  boolean isEmpty() {
    return copies.isEmpty();
  }

  String selector() {
    StringBuilder sb = new StringBuilder();
    for (FileActionCopy c : copies) {
      if (!sb.isEmpty()) sb.append(", ");
      sb.append(c.getSrc());
      if (c.getFollowSymlink()) sb.append(" (follow)");
      if (c.getIncludePatternsCount() > 0) sb.append(" include=").append(c.getIncludePatternsList());
      if (c.getExcludePatternsCount() > 0) sb.append(" exclude=").append(c.getExcludePatternsList());
    }
    return sb.toString();
  }

  ContentDigester digester(SnapshotRefs refs, ImmutableChecksums checksums) {
    return (OpContext ctx, Result input) -> {
      String snapshot = SnapshotRefs.snapshotId(input);
      StringBuilder all = new StringBuilder("kiln.copysources.v0\n");
      try (MountedTree tree = refs.view(snapshot)) {
        for (FileActionCopy c : copies) {
          all.append(c.getSrc()).append('=').append(checksum(ctx, checksums, snapshot, tree, c)).append('\n');
        }
      }
      return CacheMaps.digestOfText(all.toString());
    };
  }

  private static String checksum(OpContext ctx, ImmutableChecksums checksums, String snapshot, MountedTree tree,
      FileActionCopy c) throws Exception {
    ChecksumOptions options = new ChecksumOptions(c.getFollowSymlink(), c.getAllowWildcard(),
        c.getIncludePatternsList(), c.getExcludePatternsList());
    try {
      Digest d = ctx.heavy(() -> checksums.checksum(snapshot, tree.root(), c.getSrc(), options));
      return d.value();
    } catch (NoSuchFileException e) {
      return "missing"; // the copy itself reports the error, if the op does not allow it
    }
  }
}
