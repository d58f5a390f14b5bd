package dev.kiln.llb;

import dev.kiln.proto.pb.ExportCache;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import dev.kiln.proto.pb.WorkerConstraints;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-op settings that are not the op itself: platform override, worker filters, and the
 * metadata BuildKit keeps beside the op (names, cache flags, progress group, required caps).
 */
public record Constraints(
    Platform platform,
    List<String> workerFilters,
    boolean ignoreCache,
    SortedMap<String, String> description,
    Boolean exportCache,
    ProgressGroup progressGroup,
    Set<String> caps,
    List<SourceLocation> locations) {

  public static final Constraints NONE =
      new Constraints(null, List.of(), false, new TreeMap<>(), null, null, Set.of(), List.of());

  public Constraints {
    workerFilters = List.copyOf(workerFilters);
    description = new TreeMap<>(description);
    caps = Set.copyOf(caps);
    locations = List.copyOf(locations);
  }

  @Override
  public SortedMap<String, String> description() {
    return new TreeMap<>(description);
  }

  /** The same constraints requiring more caps. */
  public Constraints withCaps(Set<String> more) {
    Set<String> all = new TreeSet<>(caps);
    all.addAll(more);
    return new Constraints(platform, workerFilters, ignoreCache, description, exportCache, progressGroup, all, locations);
  }

  /** The op skeleton every non-terminal op starts from: platform and (possibly empty) constraints. */
  Op.Builder opBuilder(Platform effectivePlatform) {
    Op.Builder op = Op.newBuilder().setConstraints(WorkerConstraints.newBuilder().addAllFilter(workerFilters));
    if (effectivePlatform != null) {
      op.setPlatform(effectivePlatform.toProto());
    }
    return op;
  }

  OpMetadata metadata() {
    OpMetadata.Builder md = OpMetadata.newBuilder().setIgnoreCache(ignoreCache).putAllDescription(description);
    if (exportCache != null) {
      md.setExportCache(ExportCache.newBuilder().setValue(exportCache));
    }
    if (progressGroup != null) {
      md.setProgressGroup(
          dev.kiln.proto.pb.ProgressGroup.newBuilder()
              .setId(progressGroup.id())
              .setName(progressGroup.name())
              .setWeak(progressGroup.weak()));
    }
    for (String cap : new TreeSet<>(caps)) {
      md.putCaps(cap, true);
    }
    return md.build();
  }

  /** Mutable helper for {@link OpOptions}; not shared. */
  static final class Builder {
    Platform platform;
    final List<String> workerFilters = new java.util.ArrayList<>();
    boolean ignoreCache;
    final Map<String, String> description = new TreeMap<>();
    Boolean exportCache;
    ProgressGroup progressGroup;
    final Set<String> caps = new TreeSet<>();
    final List<SourceLocation> locations = new java.util.ArrayList<>();

    Constraints build() {
      return new Constraints(
          platform, workerFilters, ignoreCache, new TreeMap<>(description), exportCache, progressGroup, caps, locations);
    }
  }
}
