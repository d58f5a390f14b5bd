package dev.kiln.engine.worker;

import dev.kiln.engine.cache.SqliteCacheKeyStorage;
import dev.kiln.engine.cache.remote.CacheWalk;
import dev.kiln.engine.cache.remote.ImportingCacheStorage;
import dev.kiln.engine.cache.remote.RemoteCaches;
import dev.kiln.engine.cache.contenthash.ContentHasher;
import dev.kiln.engine.cache.contenthash.ImmutableChecksums;
import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.executor.runc.RuncConfig;
import dev.kiln.engine.exporter.Exporters;
import dev.kiln.engine.exporter.image.ImageWriter;
import dev.kiln.engine.exporter.layer.LayerBlobs;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.engine.exporter.oci.TarballExporter;
import dev.kiln.engine.exporter.oci.TarballFormat;
import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.gc.ActiveBuilds;
import dev.kiln.engine.gc.AutoCollector;
import dev.kiln.engine.gc.Collector;
import dev.kiln.engine.gc.InUseDirs;
import dev.kiln.engine.exporter.push.ImageExporter;
import dev.kiln.engine.exporter.push.ImagePusher;
import dev.kiln.engine.exporter.push.PushClients;
import dev.kiln.engine.image.BlobSources;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.engine.image.ImageNames;
import dev.kiln.engine.image.ImageUnpacker;
import dev.kiln.engine.image.LayerSnapshots;
import dev.kiln.engine.image.LayerUnpack;
import dev.kiln.engine.image.RegistryProgress;
import dev.kiln.engine.executor.runc.RuncExecutor;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.engine.ops.CacheMounts;
import dev.kiln.engine.ops.ExecOpRunner;
import dev.kiln.engine.snapshot.Leases;
import dev.kiln.engine.snapshot.SnapshotDriver;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.engine.source.SourceManager;
import dev.kiln.engine.source.git.GitSource;
import dev.kiln.engine.source.http.HttpSource;
import dev.kiln.engine.source.image.ImageSource;
import dev.kiln.engine.source.image.RegistryMetaResolver;
import dev.kiln.engine.source.image.RegistryResolver;
import dev.kiln.engine.source.local.LocalSource;
import dev.kiln.engine.source.ocilayout.OciLayoutSource;
import dev.kiln.engine.sys.NativeWarmUp;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.registry.client.DistributionClient;
import dev.kiln.registry.hosts.HostsConfig;
import dev.kiln.solver.Result;
import dev.kiln.solver.Solver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The composition root: the one place that names implementations. Opening sweeps what a crashed
 * process left behind (half-written blobs, snapshots of ops that never finished, temp files).
 */
public final class Worker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Worker.class.getName());
  /** How long closing waits for cancelled steps to stop their containers and release their mounts. */
  private static final Duration STEPS_WIND_DOWN = Duration.ofSeconds(15);
  private final StateLock lock;
  private final Database db;
  private final FileContentStore content;
  private final SnapshotRefs refs;
  private final ContentHasher hasher;
  private final ImmutableChecksums checksums;
  private final SourceManager sources;
  private final Solver solver;
  private final Path root;
  private final CacheMounts cacheMounts;
  private final Exporters exporters;
  private final ContentFetcher fetcher;
  private final LayerUnpack layerUnpack;
  private final RegistryResolver registryResolver;
  private final ActiveBuilds builds = new ActiveBuilds();
  private final Collector collector;
  private final AutoCollector autoCollector;
  private final Leases leases;
  private final RemoteCaches remoteCaches;
  private RuncExecutor executor;
  /** Closed with the worker: their HTTP clients hold threads the JVM waits for at exit. */
  private final DistributionClient registry;
  private final HttpSource httpSource;

  private Worker(EngineConfig config) throws IOException, SQLException {
    this.root = config.root();
    Files.createDirectories(root);
    this.lock = StateLock.acquire(root);
    // The database and the registry client open beside the sweeps of containers and mounts (they
    // use nothing those remove): about 100 ms of a fresh JVM's first-use work, halved on two cores.
    OpeningStep<Database> database = OpeningStep.start("kiln-open-database", () -> openDatabase(root));
    OpeningStep.start("kiln-open-native", () -> {
      NativeWarmUp.run(root);
      return null;
    });
    OpeningStep<HostsConfig> hostsConfig = OpeningStep.start("kiln-open-registry", () -> registryHosts(config));
    OpeningStep<DistributionClient> registryClient =
        OpeningStep.start("kiln-open-registry-client", () -> registryClient(config, hostsConfig.join()));
    try {
      // A killed process may have left containers running and trees mounted: stop and detach
      // them before the sweeps below delete what they use.
      if (Files.isExecutable(RuncConfig.DEFAULT_RUNC)) {
        this.executor = RuncExecutor.open(RuncConfig.defaults(root.resolve("executor")));
      }
      StaleMounts.unmountUnder(root);
      this.db = database.join();
      this.registry = registryClient.join();
    } catch (IOException | RuntimeException | Error e) {
      database.joinAndClose(Database::close);
      registryClient.joinAndClose(DistributionClient::close);
      try {
        lock.close();
      } catch (IOException unlock) {
        e.addSuppressed(unlock);
      }
      throw e;
    }
    HostsConfig hosts = hostsConfig.join();
    Path tmp = root.resolve("tmp");
    clean(tmp);
    Path mountPoints = root.resolve("mount-points"); // shared layers of mount points, see OverlayDriver
    clean(mountPoints);
    this.content = new FileContentStore(root.resolve("content"));
    content.sweepIngests();
    SnapshotDriver driver = DriverChoice.choose(config.snapshotter(), tmp, mountPoints);
    SnapshotStore snapshots = new SnapshotStore(root.resolve("snapshots"), db, driver);
    snapshots.sweep();
    this.refs = new SnapshotRefs(snapshots, tmp);
    this.hasher = new ContentHasher();
    this.checksums = new ImmutableChecksums(hasher);
    this.fetcher = new ContentFetcher(content);
    LayerSnapshots layers = new LayerSnapshots(db);
    this.layerUnpack = new LayerUnpack(refs, content, layers);
    ImageUnpacker unpacker = new ImageUnpacker(fetcher, layers, layerUnpack);
    // Git mirrors are used in place by builds and collected when unused.
    InUseDirs gitMirrors = new InUseDirs(root.resolve("git"));
    BlobSources blobSources = new BlobSources(db);
    ImageNames imageNames = new ImageNames(db);
    this.registryResolver = new RegistryResolver(registry, fetcher, imageNames, blobSources);
    this.httpSource = new HttpSource(content, db, refs);
    this.sources = new SourceManager(List.of(
        new LocalSource(refs, hasher, checksums, root.resolve("contenthash")),
        new ImageSource(registryResolver, unpacker, refs),
        new OciLayoutSource(fetcher, unpacker, refs),
        httpSource,
        new GitSource(gitMirrors, root.resolve("git"), tmp, refs)));
    SqliteCacheKeyStorage cacheRecords = new SqliteCacheKeyStorage(db);
    snapshots.addReferrer(id -> cacheRecords.hasResult(SnapshotRefs.resultId(id))
        ? Optional.of("a cache record points at it") : Optional.empty());
    // Imported caches sit behind the local records: a local miss may still be a (remote) hit.
    ImportingCacheStorage solverRecords = new ImportingCacheStorage(cacheRecords, fetcher, layerUnpack, snapshots);
    // A hit from an imported cache is a lazy result, fetched only when its files are needed.
    this.solver = new Solver(solverRecords, id -> {
      Optional<Result> lazy = solverRecords.remoteResult(id);
      return lazy.isPresent() ? lazy : refs.load(id);
    });
    this.cacheMounts = new CacheMounts(root.resolve("cachemounts"));
    this.leases = new Leases(db);
    this.collector = new Collector(db, snapshots, cacheMounts, gitMirrors, content, builds, leases, root);
    this.autoCollector = new AutoCollector(collector);
    builds.onFinish(autoCollector::request);
    // Base-image layers are exported as the blobs they were pulled as (same digests).
    Layers exportLayers = new Layers(snapshots, refs::view, content, db,
        LayerBlobs.recorded(db, LayerSnapshots.BASE_VARIANT));
    ImageWriter images = new ImageWriter(exportLayers, content);
    ImagePusher pusher = new ImagePusher(content, blobSources);
    // registry.insecure (image pushes, cache exports and imports) reaches those hosts over plain HTTP or unverified TLS.
    PushClients registries = insecure -> insecure.isEmpty() ? registry : PushHosts.client(hosts, insecure, config.credentials());
    this.remoteCaches = new RemoteCaches(solverRecords, new CacheWalk(solverRecords::describe, exportLayers, solverRecords),
        fetcher, registries, pusher, blobSources);
    this.exporters = Exporters.of(List.of(
        new TarballExporter(TarballFormat.OCI, images, content),
        new TarballExporter(TarballFormat.DOCKER, images, content),
        new ImageExporter(images, pusher, registries, imageNames)));
  }

  public static Worker open(EngineConfig config) throws IOException {
    try {
      return new Worker(config);
    } catch (SQLException e) {
      throw new IOException("cannot open the metadata database in " + config.root() + ": " + e.getMessage(), e);
    }
  }

  private static Database openDatabase(Path root) throws IOException {
    try {
      return Database.open(root.resolve("metadata.db"), KilnSchema.SCHEMA);
    } catch (SQLException e) {
      throw new IOException("cannot open the metadata database in " + root + ": " + e.getMessage(), e);
    }
  }

  private static DistributionClient registryClient(EngineConfig config, HostsConfig hosts) {
    DistributionClient.Builder builder = DistributionClient.builder().hosts(hosts).listener(new RegistryProgress());
    config.credentials().ifPresent(builder::credentials);
    return builder.build();
  }

  private static HostsConfig registryHosts(EngineConfig config) throws IOException {
    if (config.registryConfig().isEmpty()) return HostsConfig.EMPTY;
    Path file = config.registryConfig().get();
    try {
      return HostsConfig.load(file);
    } catch (IOException e) {
      throw new IOException("cannot read the registry host configuration " + file + ": " + e.getMessage(), e);
    }
  }

  private static void clean(Path tmp) throws IOException {
    Trees.deleteRecursively(tmp);
    Files.createDirectories(tmp);
  }

  /** Cache export and import ({@code --export-cache}, {@code --import-cache}). */
  public RemoteCaches remoteCaches() {
    return remoteCaches;
  }

  /** Exporters by type ({@code image}, {@code oci}, {@code docker}). */
  public Exporters exporters() {
    return exporters;
  }

  /** The builds running now: the garbage collector's fence. */
  public ActiveBuilds builds() {
    return builds;
  }

  /** Usage records and pruning ({@code kiln du}, {@code kiln prune}). */
  public Collector collector() {
    return collector;
  }

  /** Collection with configured policies after builds and on a timer. */
  public AutoCollector autoCollector() {
    return autoCollector;
  }

  /** Holds on snapshots and blobs that the collector respects (exports in progress). */
  public Leases leases() {
    return leases;
  }

  public Solver solver() {
    return solver;
  }

  public SnapshotRefs refs() {
    return refs;
  }

  public ImmutableChecksums checksums() {
    return checksums;
  }

  public SourceManager sources() {
    return sources;
  }

  public FileContentStore content() {
    return content;
  }

  /** Image digests and configs for frontends, from the same resolution and store as image sources. */
  public ImageMetaResolver imageMetaResolver() {
    return new RegistryMetaResolver(registryResolver);
  }

  /** Blobs downloaded and layers unpacked since this worker opened. */
  public ImageStats imageStats() {
    return new ImageStats(fetcher.downloads(), layerUnpack.unpacked());
  }

  /** Counters of the image sources' work. */
  public record ImageStats(long downloads, long unpacks) {}

  public String snapshotter() {
    return refs.store().driver().name();
  }

  /** Exec services, starting the runc executor on first use (hosts without runc can still build file ops). */
  public synchronized ExecOpRunner.Services execServices(Set<String> entitlements) {
    if (executor == null) {
      try {
        executor = RuncExecutor.open(RuncConfig.defaults(root.resolve("executor")));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the runc executor: " + e.getMessage(), e);
      }
    }
    return new ExecOpRunner.Services(refs, executor, cacheMounts, checksums, entitlements);
  }

  /**
   * A cancelled build's steps go on after its solve returned, stopping their containers and
   * releasing their mounts: closing the store under them would leave mounts behind, or a
   * half-recorded step.
   */
  private void awaitStepsWindingDown() {
    try {
      if (!solver.awaitIdle(STEPS_WIND_DOWN)) {
        LOG.log(System.Logger.Level.WARNING, "steps still running after " + STEPS_WIND_DOWN.toSeconds()
            + " s; closing the engine anyway (the next start sweeps what they leave)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    awaitStepsWindingDown();
    autoCollector.close();
    hasher.close();
    httpSource.close();
    registry.close();
    synchronized (this) {
      if (executor != null) executor.close();
    }
    refs.clearMountTargets();
    try {
      db.close();
    } catch (SQLException e) {
      throw new IOException("closing the metadata database: " + e.getMessage(), e);
    } finally {
      lock.close();
    }
  }
}
