package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.daemon.Daemon;
import dev.kiln.llb.CacheSharing;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.cli.client.Connections;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.DiskUsageRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln du} and {@code kiln prune}, embedded and against kilnd (Control.DiskUsage and Control.Prune). Needs root. */
class UsageCommandsTest {
  @TempDir Path tmp;
  private Path root;
  private Path rootfs;
  private byte[] definition;

  @BeforeEach
  void setUp() throws Exception {
    root = tmp.resolve("state");
    rootfs = BusyboxTree.create(tmp.resolve("rootfs"));
    State built = State.local("rootfs").run(r -> r.shlex("sh -c 'echo built > /result.txt; echo c > /cache/c'")
        .mount("/cache", State.scratch(), m -> m.cache("go-build", CacheSharing.SHARED))).root();
    definition = built.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")).toByteArray();
  }

  private Cli build(String... where) throws Exception {
    String[] args = new String[where.length + 5];
    System.arraycopy(new String[] {"build", "--local", "rootfs=" + rootfs, "--progress", "quiet"}, 0, args, 0, 5);
    System.arraycopy(where, 0, args, 5, where.length);
    return Cli.run(definition, args);
  }

  @Test
  void duListsRecordsWithTypesAndTotalsAndFilters() throws Exception {
    Cli built = build("--root", root.toString());
    assertThat(built.exitCode()).as(built.err()).isZero();

    Cli du = Cli.run("du", "--root", root.toString());
    assertThat(du.exitCode()).as(du.err()).isZero();
    assertThat(du.out()).contains("ID").contains("RECLAIMABLE").contains("SIZE").contains("LAST ACCESSED")
        .contains("cachemount:").contains("Reclaimable:").contains("Total:").contains("ago");
    assertThat(du.out().lines().filter(l -> l.matches("[0-9a-f]{32} .*|cachemount:.*"))).hasSize(3);

    Cli local = Cli.run("du", "--root", root.toString(), "--verbose", "--filter", "type==source.local");
    assertThat(local.exitCode()).as(local.err()).isZero();
    assertThat(local.out()).contains("Type:").contains("source.local").contains("local source for rootfs")
        .containsPattern("Shared:\\s+true").doesNotContain("exec.cachemount");

    Cli all = Cli.run("du", "--root", root.toString(), "--verbose");
    assertThat(all.out()).contains("mount / from exec sh -c echo built > /result.txt; echo c > /cache/c")
        .contains("Usage count:").contains("Parents:");

    Cli mounts = Cli.run("du", "--root", root.toString(), "-v", "-f", "type==exec.cachemount");
    assertThat(mounts.out()).contains("cached mount with id \"go-build\"");

    Cli bad = Cli.run("du", "--root", root.toString(), "--filter", "colour==red");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown field 'colour'");
  }

  @Test
  void pruneThroughKilndStreamsWhatItRemoves() throws Exception {
    Path socket = tmp.resolve("run/kilnd.sock");
    try (Daemon daemon = Daemon.open(root)) {
      Server server = daemon.listenUnix(socket);
      try {
        String addr = "unix://" + socket;
        Cli built = build("--addr", addr);
        assertThat(built.exitCode()).as(built.err()).isZero();

        Cli young = Cli.run("prune", "--addr", addr, "--keep-duration", "1h");
        assertThat(young.exitCode()).as(young.err()).isZero();
        assertThat(young.out()).contains("Total:").contains("0B");

        Cli all = Cli.run("--addr", addr, "prune", "--verbose");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("ID:").contains("exec.cachemount").contains("source.local").contains("Total:");

        Cli du = Cli.run("du", "--addr", addr);
        assertThat(du.out()).containsPattern("Total:\\s+0B");

        Cli again = build("--addr", addr);
        assertThat(again.exitCode()).as(again.err()).isZero();
      } finally {
        server.shutdownNow().awaitTermination();
      }
    }
  }

  @Test
  void diskUsageAgeLimitLeavesOutRecordsUsedWithinIt() throws Exception {
    Path socket = tmp.resolve("run/kilnd.sock");
    try (Daemon daemon = Daemon.open(root)) {
      Server server = daemon.listenUnix(socket);
      ManagedChannel channel = Connections.open("unix://" + socket);
      try {
        Cli built = build("--addr", "unix://" + socket);
        assertThat(built.exitCode()).as(built.err()).isZero();
        var control = ControlGrpc.newBlockingStub(channel);
        // Two snapshots and the cache mount (and the context's checksum memo, when one was written).
        assertThat(control.diskUsage(DiskUsageRequest.getDefaultInstance()).getRecordList())
            .filteredOn(r -> !r.getID().startsWith("contenthash:")).hasSize(3);
        // Everything was used moments ago: an hour's limit leaves it all out, a millisecond's keeps it.
        assertThat(control.diskUsage(DiskUsageRequest.newBuilder().setAgeLimit(TimeUnit.HOURS.toNanos(1)).build())
            .getRecordList()).isEmpty();
        Thread.sleep(20);
        assertThat(control.diskUsage(DiskUsageRequest.newBuilder().setAgeLimit(TimeUnit.MILLISECONDS.toNanos(1))
            .addFilter("type==exec.cachemount").build()).getRecordList()).singleElement()
            .satisfies(r -> assertThat(r.getRecordType()).isEqualTo("exec.cachemount"));
      } finally {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination();
      }
    }
  }

  @Test
  void badPruneFlagsAreUsageErrors() throws Exception {
    Cli r = Cli.run("prune", "--root", root.toString(), "--keep-duration", "2 days");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid duration");
    Cli size = Cli.run("prune", "--root", root.toString(), "--keep-storage", "lots");
    assertThat(size.exitCode()).isEqualTo(2);
  }
}
