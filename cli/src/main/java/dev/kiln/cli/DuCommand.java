package dev.kiln.cli;

import dev.kiln.cli.usage.UsageTable;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.DiskUsageRequest;
import dev.kiln.proto.control.UsageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln du}: disk usage by record, like {@code buildctl du}. */
@Command(name = "du", mixinStandardHelpOptions = true, description = "Show disk usage of the build cache.")
final class DuCommand extends DaemonCommand {
  @Option(names = {"-f", "--filter"}, paramLabel = "FILTER",
      description = "Filter records (e.g. type==source.local, unused-for=24h); repeatable.")
  List<String> filters = new ArrayList<>();

  @Option(names = {"-v", "--verbose"}, description = "Show every field of each record.")
  boolean verbose;

  DuCommand(Stdio stdio) {
    super(stdio);
  }

  @Override
  int run(DaemonConnection connection) {
    List<UsageRecord> records = ControlGrpc.newBlockingStub(connection.channel())
        .diskUsage(DiskUsageRequest.newBuilder().addAllFilter(filters).build()).getRecordList();
    UsageTable table = new UsageTable(stdio.out(), Instant.now());
    if (verbose) {
      table.verbose(records);
    } else {
      table.table(records);
      stdio.out().println();
    }
    table.summary(records);
    return 0;
  }
}
