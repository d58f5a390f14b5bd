package dev.kiln.daemon;

import com.google.protobuf.Timestamp;
import dev.kiln.engine.gc.GcPolicy;
import dev.kiln.proto.control.PruneRequest;
import dev.kiln.proto.control.UsageRecord;
import java.time.Duration;
import java.time.Instant;

/** Usage records and prune requests between the engine's records and BuildKit's wire messages. */
final class UsageRecords {
  private UsageRecords() {}

  static UsageRecord toWire(dev.kiln.engine.gc.UsageRecord r) {
    UsageRecord.Builder b = UsageRecord.newBuilder()
        .setID(r.id())
        .setMutable(r.mutable())
        .setInUse(r.inUse())
        .setSize(r.size())
        .setCreatedAt(timestamp(r.createdAt()))
        .setUsageCount(r.usageCount())
        .setDescription(r.description())
        .setRecordType(r.recordType().wireName())
        .setShared(r.shared())
        .addAllParents(r.parents());
    if (!r.parents().isEmpty()) b.setParent(r.parents().getFirst()); // older clients read the deprecated field
    r.lastUsedAt().ifPresent(t -> b.setLastUsedAt(timestamp(t)));
    return b.build();
  }

  /** A prune request as one policy; {@code keepDuration} is a Go duration (nanoseconds) on the wire. */
  static GcPolicy policy(PruneRequest request) {
    return new GcPolicy(Duration.ofNanos(request.getKeepDuration()), request.getKeepBytes(), request.getMaxUsedSpace(),
        request.getMinFreeSpace(), request.getFilterList(), request.getAll());
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
