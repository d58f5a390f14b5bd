package dev.kiln.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.engine.image.testing.TreeListing;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.snapshot.SnapshotDriver;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.engine.snapshot.overlay.OverlayDriver;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.manifest.ImageManifest;
import dev.kiln.registry.manifest.Manifests;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Vertex;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers unpacked while they download, all at once on overlayfs, give the tree that unpacking
 * them one after the other gives (each on its complete parent); failures leave no snapshot behind
 * and record nothing. Needs root and overlayfs.
 */
class StreamedLayersTest {
  @TempDir Path tmp;
  private final List<AutoCloseable> open = new ArrayList<>();

  /** Layer 1 shapes directories; layers 2 and 3 write into them without listing them. */
  private static TestImage image(TestLayer second) {
    return TestImage.of("linux", "amd64", tars(second).toArray(byte[][]::new));
  }

  private static List<byte[]> tars(TestLayer second) {
    byte[] base = new TestLayer()
        .dir("opt", 0700, 12, 34).dir("opt/app", 0750, 56, 78).file("opt/app/old", "old", 0644)
        .dir("etc", 0755).file("etc/passwd", "root:x:0:0\n", 0644).file("etc/gone", "bye", 0600)
        .dir("var", 0711).dir("var/cache", 0755).file("var/cache/x", "x", 0644).tar();
    byte[] third = new TestLayer()
        .file("opt/app/new", "new", 0755).whiteout("etc/gone").opaque("var/cache").file("var/cache/y", "y", 0644)
        .file("srv/data/z", "z", 0644).tar();
    return List.of(base, second.tar(), third);
  }

  private static TestLayer plainSecond() {
    return new TestLayer().file("opt/app/bin/tool", "tool", 0755).file("etc/hosts", "127.0.0.1 localhost\n", 0644)
        .dir("opt/app/lib", 0700, 1, 2).file("opt/app/lib/a.so", "a", 0644);
  }

  @Test
  void layersUnpackedAllAtOnceEqualLayersUnpackedInOrder() throws Exception {
    TestImage image = image(plainSecond());
    assertThat(listing(new Puller("streamed").pull(image, honest(image))))
        .isEqualTo(listing(new Puller("in-order").pullInOrder(image)));
  }

  @Test
  void aHardlinkIntoALowerLayerIsAppliedOnceTheLowerLayersAreThere() throws Exception {
    TestImage image = image(plainSecond().hardlink("etc/passwd-", "etc/passwd"));
    Map<String, String> tree = listing(new Puller("streamed").pull(image, honest(image)));
    assertThat(tree).isEqualTo(listing(new Puller("in-order").pullInOrder(image)));
    assertThat(tree.get("/etc/passwd-")).contains("links=[/etc/passwd, /etc/passwd-]");
  }

  @Test
  void aDownloadThatStartsOverUnpacksItsLayerAgain() throws Exception {
    TestImage image = image(plainSecond());
    Digest second = image.layerDigest(1);
    BlobFetcher startsOver = (blob, sink) -> {
      byte[] data = bytes(image, blob);
      if (blob.digest().toString().equals(second.value())) {
        try (OutputStream out = sink.open(0)) {
          out.write(data, 0, data.length / 2); // then the connection breaks, and the server ignores Range
        }
      }
      try (OutputStream out = sink.open(0)) {
        out.write(data);
      }
      sink.commit(blob);
    };
    assertThat(listing(new Puller("streamed").pull(image, startsOver)))
        .isEqualTo(listing(new Puller("in-order").pullInOrder(image)));
  }

  @Test
  void aWrongDigestInAnUpperLayerLeavesNoSnapshotAndRecordsNothing() throws Exception {
    TestImage image = image(plainSecond());
    Digest third = image.layerDigest(2);
    Puller overlay = new Puller("streamed");
    BlobFetcher corrupt = (blob, sink) -> {
      byte[] data = bytes(image, blob).clone();
      boolean bad = blob.digest().toString().equals(third.value());
      if (bad) data[data.length / 2] ^= 0x5a;
      try (OutputStream out = sink.open(0)) {
        out.write(data);
      }
      if (bad) { // what the registry client does when the digest does not match
        sink.discard();
        throw new IOException("content has digest sha256:… — the download was discarded");
      }
      sink.commit(blob);
    };
    assertThatThrownBy(() -> overlay.pull(image, corrupt)).hasMessageContaining("content has digest");
    overlay.assertNothingLeft(image);
  }

  @Test
  void aDownloadBreakingOffLeavesNoSnapshotAndRecordsNothing() throws Exception {
    TestImage image = image(plainSecond());
    Digest second = image.layerDigest(1);
    Puller overlay = new Puller("streamed");
    BlobFetcher breaks = (blob, sink) -> {
      byte[] data = bytes(image, blob);
      try (OutputStream out = sink.open(0)) {
        if (blob.digest().toString().equals(second.value())) {
          out.write(data, 0, data.length / 3);
          throw new IOException("gave up after 5 attempts");
        }
        out.write(data);
      }
      sink.commit(blob);
    };
    assertThatThrownBy(() -> overlay.pull(image, breaks)).hasMessageContaining("gave up after 5 attempts");
    overlay.assertNothingLeft(image);
  }

  @Test
  void aWrongDiffIdLeavesNoSnapshotAndRecordsNothing() throws Exception {
    List<byte[]> tars = tars(plainSecond());
    List<byte[]> blobs = tars.stream().map(TestLayer::gzip).toList();
    List<String> diffIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) diffIds.add(Digest.of(i == 1 ? "not the layer".getBytes() : tars.get(i)).value());
    TestImage image = TestImage.assemble("linux", "amd64", blobs, List.of(TestImage.GZIP, TestImage.GZIP, TestImage.GZIP), diffIds);
    Puller overlay = new Puller("streamed");
    assertThatThrownBy(() -> overlay.pull(image, honest(image))).hasMessageContaining("but the image config says");
    overlay.assertNothingLeft(image);
  }

  private static byte[] bytes(TestImage image, Descriptor blob) {
    for (byte[] layer : image.layers()) {
      if (Digest.of(layer).value().equals(blob.digest().toString())) return layer;
    }
    throw new IllegalArgumentException("no blob " + blob.digest());
  }

  private static BlobFetcher honest(TestImage image) {
    return (blob, sink) -> {
      try (OutputStream out = sink.open(0)) {
        out.write(bytes(image, blob));
      }
      sink.commit(blob);
    };
  }

  private Map<String, String> listing(Path root) throws IOException {
    Map<String, String> tree = new HashMap<>(TreeListing.of(root));
    try (Stream<Path> walk = Files.walk(root)) { // directory times too: the parents a layer creates take them from below
      for (Path dir : walk.filter(Files::isDirectory).toList()) {
        String rel = "/" + root.relativize(dir);
        Instant mtime = PosixFiles.lstat(dir).mtime();
        if (!dir.equals(root)) tree.put(rel, tree.get(rel) + (mtime.equals(TestLayer.MTIME) ? " mtime from a layer" : " mtime of its creation"));
      }
    }
    return tree;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open.reversed()) c.close();
  }

  /** An unpacker over its own state directory. */
  private final class Puller {
    private final Path root;
    private final Database db;
    private final FileContentStore content;
    private final SnapshotStore snapshots;
    private final SnapshotRefs refs;
    private final LayerSnapshots layers;
    private final ImageUnpacker unpacker;

    Puller(String name) throws Exception {
      SnapshotDriver driver = new OverlayDriver(true, tmp.resolve("mount-points"));
      root = tmp.resolve(name);
      db = Database.open(Files.createDirectories(root).resolve("metadata.db"), KilnSchema.SCHEMA);
      open.add(db);
      content = new FileContentStore(root.resolve("content"));
      snapshots = new SnapshotStore(root.resolve("snapshots"), db, driver);
      refs = new SnapshotRefs(snapshots, Files.createDirectories(root.resolve("tmp")));
      layers = new LayerSnapshots(db);
      unpacker = new ImageUnpacker(new ContentFetcher(content), layers, new LayerUnpack(refs, content, layers));
    }

    /** The merged tree of the pulled image, mounted until the test ends. */
    Path pull(TestImage image, BlobFetcher from) throws Exception {
      return view(unpack(image, from, -1));
    }

    /** Like {@link #pull}, one layer per pull: each is unpacked on its complete, committed parent. */
    Path pullInOrder(TestImage image) throws Exception {
      String top = null;
      for (int layers = 1; layers <= image.layers().size(); layers++) {
        top = unpack(image, honest(image), layers);
      }
      return view(top);
    }

    private String unpack(TestImage image, BlobFetcher from, int layers) throws Exception {
      ImageManifest manifest = Manifests.parseManifest(image.manifest());
      return unpacker.unpack(new Context(), manifest, image.config(), from, layers);
    }

    private Path view(String snapshot) throws IOException {
      MountedTree tree = refs.view(snapshot);
      open.add(tree);
      return tree.root();
    }

    void assertNothingLeft(TestImage image) throws Exception {
      try (Stream<Path> dirs = Files.list(root.resolve("snapshots"))) {
        assertThat(dirs).isEmpty();
      }
      List<Digest> diffIds = ImageConfig.parse(image.config()).diffIds();
      for (Digest chainId : ChainIds.of(diffIds)) {
        assertThat(layers.find(chainId)).isEmpty();
      }
      try (Stream<Path> ingests = Files.list(root.resolve("content/ingest"))) {
        assertThat(ingests).isEmpty();
      }
      for (Digest d : content.list()) content.verify(d);
    }
  }

  private static final class Context implements OpContext {
    @Override
    public Vertex vertex() {
      return null;
    }

    @Override
    public ProgressWriter progress() {
      return ProgressWriter.discarding();
    }

    @Override
    public <T> T heavy(Callable<T> work) throws Exception {
      return work.call();
    }
  }
}
