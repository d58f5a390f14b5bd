package dev.kiln.cli.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;

/**
 * The one place that turns a failed command into what the user reads and the exit code: 2 for a
 * usage error (a bad flag here, or INVALID_ARGUMENT from the daemon: a bad filter or policy), 130
 * when the process is being interrupted (as a shell reports SIGINT), 1 for anything else (the
 * daemon unreachable or failing, the engine unable to start).
 */
public final class DaemonErrors {
  private static final String INTERRUPTED = "interrupted: the work in progress was cancelled and its containers removed";

  private DaemonErrors() {}

  /** Prints {@code failure} to {@code err}; returns the exit code. */
  public static int report(Exception failure, PrintStream err) {
    if (Interruption.isShuttingDown()) return print(err, "ERROR: " + INTERRUPTED, 130);
    return switch (failure) {
      case IllegalArgumentException usage -> print(err, "kiln: error: " + usage.getMessage(), 2);
      case StatusRuntimeException call -> print(err, "ERROR: " + message(call.getStatus()),
          call.getStatus().getCode() == Status.Code.INVALID_ARGUMENT ? 2 : 1);
      default -> print(err, "ERROR: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()), 1);
    };
  }

  /** What the user reads for a failed call (after "ERROR: "), also for a failed build. */
  public static String message(Status status) {
    if (Interruption.isShuttingDown()) return INTERRUPTED;
    return switch (status.getCode()) {
      case UNAVAILABLE -> "daemon unavailable: " + detail(status);
      case DEADLINE_EXCEEDED -> "the daemon did not answer in time: " + detail(status);
      default -> detail(status);
    };
  }

  /**
   * What the user reads for a failed {@code Solve}: its message after "failed to solve: ", as
   * BuildKit's client wraps it (the daemon's message has no such prefix), unless the daemon was not
   * reached or the build was interrupted.
   */
  public static String solveMessage(Status status) {
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED -> message(status);
      default -> Interruption.isShuttingDown() ? INTERRUPTED : "failed to solve: " + detail(status);
    };
  }

  /**
   * The status's description, or its code when it has none; a transport failure's description is
   * only "io exception", so the cause (connection refused, no socket at the path) is added.
   */
  private static String detail(Status status) {
    String description = status.getDescription() == null ? status.getCode().name() : status.getDescription();
    Throwable cause = status.getCause();
    if (cause == null) return description;
    String reason = switch (cause) {
      case java.io.FileNotFoundException missing when missing.getMessage() == null -> "no socket at that path (is kilnd running?)";
      default -> cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    };
    return description.contains(reason) ? description : description + ": " + reason;
  }

  private static int print(PrintStream err, String message, int exitCode) {
    err.println(message);
    return exitCode;
  }
}
