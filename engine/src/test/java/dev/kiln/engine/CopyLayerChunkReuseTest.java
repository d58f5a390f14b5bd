package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.exporter.layer.LayerBlob;
import dev.kiln.engine.exporter.layer.LayerBlobs;
import dev.kiln.engine.exporter.layer.LayerOptions;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.engine.worker.Worker;
import dev.kiln.llb.Digest;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code COPY . /app} of a context with one file changed: the new layer's gzip copies every chunk
 * the previous layer's blob holds except the few around the change. Needs root (overlayfs).
 */
class CopyLayerChunkReuseTest {
  @TempDir Path tmp;

  @Test
  void oneChangedFileLeavesTheOtherChunksOfTheLayerToBeCopied() throws Exception {
    Path rootfs = BusyboxRootfs.create(Files.createDirectories(tmp.resolve("rootfs")));
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Random random = new Random(4);
    for (int d = 0; d < 16; d++) {
      Path dir = Files.createDirectories(ctx.resolve("d%02d".formatted(d)));
      for (int f = 0; f < 100; f++) Files.write(dir.resolve("f%03d".formatted(f)), text(random, 5_000));
    }
    Thread.sleep(100); // older than a timestamp tick: remembered as unchanged by the next build
    var def = State.local("rootfs")
        .file(FileAction.copy(State.local("ctx"), "/", "/app/", o -> o.copyDirContentsOnly().createDestPath()))
        .marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
    SolveRequest request = SolveRequest.of(new BuildInputs(Map.of("rootfs", rootfs, "ctx", ctx), Map.of()));
    EngineConfig config = new EngineConfig(tmp.resolve("state"), "overlayfs");
    String before;
    String after;
    try (Engine engine = Engine.open(config)) {
      try (SolveResult r = engine.solve(def, request)) {
        before = r.snapshotId();
      }
      Files.write(ctx.resolve("d07/f042"), text(new Random(5), 5_000));
      try (SolveResult r = engine.solve(def, request)) {
        after = r.snapshotId();
      }
    }
    assertThat(after).isNotEqualTo(before);

    try (Worker worker = Worker.open(config);
        Database db = Database.open(config.root().resolve("metadata.db"), KilnSchema.SCHEMA)) {
      Layers layers = new Layers(worker.refs().store(), worker.refs()::view, worker.content(), db, LayerBlobs.NONE);
      layers.layer(before, LayerOptions.gzip(), true);
      assertThat(layers.chunksReused()).isZero();
      LayerBlob layer = layers.layer(after, LayerOptions.gzip(), true);
      long chunks = chunks(db, layer.blob().digest());
      assertThat(chunks).isGreaterThanOrEqualTo(6);
      assertThat(layers.chunksReused()).isGreaterThanOrEqualTo(chunks - 3);
      try (InputStream in = new GZIPInputStream(worker.content().open(layer.blob().digest()))) {
        assertThat(Digest.of(in.readAllBytes())).isEqualTo(layer.diffId());
      }
    }
  }

  private static long chunks(Database db, Digest blob) throws Exception {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM layer_chunks WHERE blob = ?")) {
        ps.setString(1, blob.value());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  private static byte[] text(Random random, int size) {
    StringBuilder s = new StringBuilder();
    while (s.length() < size) s.append(Long.toString(random.nextLong(), 36)).append(random.nextInt(9) == 0 ? '\n' : ' ');
    return s.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }
}
