package dev.kiln.cli;

import dev.kiln.cli.usage.HumanUnits;
import dev.kiln.cli.usage.UsageTable;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.PruneRequest;
import dev.kiln.proto.control.UsageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln prune}: remove build cache now, like {@code buildctl prune}. */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove build cache.")
final class PruneCommand extends DaemonCommand {
  private static final long MB = 1_000_000;

  @Option(names = "--keep-duration", paramLabel = "DURATION", description = "Keep data used more recently than this (e.g. 24h).")
  String keepDuration;

  @Option(names = "--keep-storage", paramLabel = "MB", description = "Keep data below this limit (in MB, or with a unit: 10GB).")
  String keepStorage;

  @Option(names = "--reserved-space", paramLabel = "SIZE", description = "Never prune below this size (e.g. 10GB).")
  String reservedSpace;

  @Option(names = "--max-used-space", paramLabel = "SIZE", description = "Prune until the cache uses at most this much.")
  String maxUsedSpace;

  @Option(names = "--min-free-space", paramLabel = "SIZE", description = "Prune until the disk has this much free.")
  String minFreeSpace;

  @Option(names = {"-a", "--all"}, description = "Include internal and frontend records.")
  boolean all;

  @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter records (e.g. type==source.local); repeatable.")
  List<String> filters = new ArrayList<>();

  @Option(names = {"-v", "--verbose"}, description = "List every removed record.")
  boolean verbose;

  private PruneRequest request;

  PruneCommand(Stdio stdio) {
    super(stdio);
  }

  @Override
  void validate() {
    request = request();
  }

  @Override
  int run(DaemonConnection connection) {
    List<UsageRecord> removed = new ArrayList<>();
    UsageTable table = new UsageTable(stdio.out(), Instant.now());
    // Records arrive as they are removed: print each at once.
    ControlGrpc.newBlockingStub(connection.channel()).prune(request).forEachRemaining(r -> {
      removed.add(r);
      if (verbose) table.verbose(List.of(r));
    });
    table.total(removed);
    return 0;
  }

  /** The flags as BuildKit's PruneRequest; {@code keepDuration} is a Go duration in nanoseconds. */
  PruneRequest request() {
    PruneRequest.Builder b = PruneRequest.newBuilder().addAllFilter(filters).setAll(all);
    if (keepDuration != null) b.setKeepDuration(HumanUnits.parseDuration(keepDuration).toNanos());
    long reserved = 0;
    if (keepStorage != null) reserved = HumanUnits.parseSize(keepStorage, MB);
    if (reservedSpace != null) reserved = HumanUnits.parseSize(reservedSpace, 1);
    b.setKeepBytes(reserved);
    if (maxUsedSpace != null) b.setMaxUsedSpace(HumanUnits.parseSize(maxUsedSpace, 1));
    if (minFreeSpace != null) b.setMinFreeSpace(HumanUnits.parseSize(minFreeSpace, 1));
    return b.build();
  }
}
