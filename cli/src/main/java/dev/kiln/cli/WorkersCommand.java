package dev.kiln.cli;

import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.ListWorkersRequest;
import dev.kiln.proto.pb.Platform;
import dev.kiln.proto.types.WorkerRecord;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln debug workers}: the daemon's workers and platforms, like {@code buildctl debug workers}. */
@Command(name = "workers", mixinStandardHelpOptions = true, description = "List the daemon's workers.")
final class WorkersCommand implements Callable<Integer> {
  private final Stdio stdio;

  @ParentCommand DebugCommand debug;

  @picocli.CommandLine.Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--root", paramLabel = "DIR", description = "State directory of the in-process engine.")
  String root;

  @Option(names = {"-v", "--verbose"}, description = "Show labels too.")
  boolean verbose;

  WorkersCommand(Stdio stdio) {
    this.stdio = stdio;
  }

  @Override
  public Integer call() {
    ConnectionOptions options = connection.over(debug != null && debug.parent != null ? debug.parent.connection : null);
    return DaemonConnection.call(options, root, stdio.err(), connection -> {
      var response = ControlGrpc.newBlockingStub(connection.channel()).listWorkers(ListWorkersRequest.getDefaultInstance());
      stdio.out().printf("%-26s %s%n", "ID", "PLATFORMS");
      for (WorkerRecord w : response.getRecordList()) {
        stdio.out().printf("%-26s %s%n", w.getID(), w.getPlatformsList().stream().map(WorkersCommand::platform).collect(Collectors.joining(",")));
        if (verbose) w.getLabelsMap().forEach((k, v) -> stdio.out().printf("  %s=%s%n", k, v));
      }
      return 0;
    });
  }

  private static String platform(Platform p) {
    return p.getOS() + "/" + p.getArchitecture() + (p.getVariant().isEmpty() ? "" : "/" + p.getVariant());
  }
}
