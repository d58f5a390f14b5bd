package dev.kiln.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What each kind of failure prints, and its exit code. */
class DaemonErrorsTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(DaemonErrors.report(new IllegalArgumentException("--filter 'x': unknown field"), err)).isEqualTo(2);
    assertThat(printed()).isEqualTo("kiln: error: --filter 'x': unknown field" + System.lineSeparator());
  }

  @Test
  void theDaemonRefusingAnArgumentIsAUsageError() {
    int code = DaemonErrors.report(Status.INVALID_ARGUMENT.withDescription("unknown field 'colour'").asRuntimeException(), err);
    assertThat(code).isEqualTo(2);
    assertThat(printed()).isEqualTo("ERROR: unknown field 'colour'" + System.lineSeparator());
  }

  @Test
  void anUnreachableDaemonNamesTheTransportsCause() {
    var e = Status.UNAVAILABLE.withDescription("io exception").withCause(new ConnectException("Connection refused"))
        .asRuntimeException();
    assertThat(DaemonErrors.report(e, err)).isEqualTo(1);
    assertThat(printed()).isEqualTo("ERROR: daemon unavailable: io exception: Connection refused" + System.lineSeparator());
  }

  @Test
  void aMissingUnixSocketIsNamedAsSuch() {
    // grpc-netty reports a missing unix socket as "io exception" caused by a FileNotFoundException without a message
    var e = Status.UNAVAILABLE.withDescription("io exception").withCause(new java.io.FileNotFoundException()).asRuntimeException();
    assertThat(DaemonErrors.report(e, err)).isEqualTo(1);
    assertThat(printed()).isEqualTo("ERROR: daemon unavailable: io exception: no socket at that path (is kilnd running?)"
        + System.lineSeparator());
  }

  @Test
  void otherCallFailuresPrintTheDescriptionOrTheCode() {
    assertThat(DaemonErrors.report(Status.INTERNAL.withDescription("disk full").asRuntimeException(), err)).isEqualTo(1);
    assertThat(DaemonErrors.report(Status.PERMISSION_DENIED.asRuntimeException(), err)).isEqualTo(1);
    assertThat(DaemonErrors.report(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 9.9s").asRuntimeException(), err))
        .isEqualTo(1);
    assertThat(printed().lines()).containsExactly("ERROR: disk full", "ERROR: PERMISSION_DENIED",
        "ERROR: the daemon did not answer in time: deadline exceeded after 9.9s");
  }

  @Test
  void localFailuresPrintTheirMessage() {
    assertThat(DaemonErrors.report(new IOException("state directory /x is locked"), err)).isEqualTo(1);
    assertThat(DaemonErrors.report(new IllegalStateException(), err)).isEqualTo(1);
    assertThat(printed().lines()).containsExactly("ERROR: state directory /x is locked", "ERROR: java.lang.IllegalStateException");
  }

  @Test
  void aFailedSolveReadsAsBuildKitsClientWrapsIt() {
    assertThat(DaemonErrors.solveMessage(Status.UNKNOWN.withDescription("process \"/bin/sh -c false\" did not complete successfully: exit code: 1")))
        .isEqualTo("failed to solve: process \"/bin/sh -c false\" did not complete successfully: exit code: 1");
    assertThat(DaemonErrors.solveMessage(Status.INVALID_ARGUMENT.withDescription("dockerfile parse error on line 1: unknown instruction: RUNN")))
        .isEqualTo("failed to solve: dockerfile parse error on line 1: unknown instruction: RUNN");
    assertThat(DaemonErrors.solveMessage(Status.UNAVAILABLE.withDescription("io exception")))
        .as("the daemon was not reached: nothing was solved").startsWith("daemon unavailable: ");
  }
}
