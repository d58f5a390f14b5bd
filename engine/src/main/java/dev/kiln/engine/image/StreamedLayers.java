package dev.kiln.engine.image;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.image.unpack.LayerApplier;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.registry.Descriptor;
import dev.kiln.solver.OpContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Pulls an image's missing layers when snapshots hold only their own changes (overlayfs): every
 * layer unpacks while it downloads ({@link BlobTee}), and all layers at once, each into its own
 * upper dir. A layer depends on the ones below it only through the parent directories it creates
 * and its hardlinks into them ({@link LayerApplier#overlayBeforeLower}); both are completed in
 * order once the lower layers are. The snapshots stay active until every blob digest and diff id
 * is verified, are then committed together after one sync of the filesystem, and only then
 * recorded: a failure removes them all, and a crash leaves active snapshots, which the start-up
 * sweep removes. Thread-safe.
 */
final class StreamedLayers {
  /** Parallel layer downloads per image, like containerd's default of three plus a little. */
  static final int PARALLEL_DOWNLOADS = 4;

  /** One layer of the stack: its blob, its uncompressed digest and the chain id of the stack up to it. */
  record Layer(Descriptor blob, Digest diffId, Digest chainId) {}

  /** What unpacking a layer while its lower layers were still being written left to do. */
  private sealed interface Unpacked {}

  private record Done() implements Unpacked {}

  private record ParentDirsPending(LayerApplier applier) implements Unpacked {}

  /** Needs files of the lower layers: applied again, from the stored blob, once they are there. */
  private record AgainOnLower() implements Unpacked {}

  private final ContentFetcher fetcher;
  private final LayerUnpack unpack;
  private final SnapshotRefs refs;
  private final LayerSnapshots layers;

  StreamedLayers(ContentFetcher fetcher, LayerUnpack unpack, SnapshotRefs refs, LayerSnapshots layers) {
    this.fetcher = fetcher;
    this.unpack = unpack;
    this.refs = refs;
    this.layers = layers;
  }

  /** The committed snapshot of {@code stack} on top of committed {@code base} (null: none). */
  String pull(OpContext ctx, List<Layer> stack, String base, BlobFetcher from) throws IOException, InterruptedException {
    List<KeyedLocks<Digest>.Held> held = new ArrayList<>();
    try {
      for (Layer l : stack) { // in stack order, as every pull takes them: no deadlock
        held.add(unpack.lock(l.chainId()));
      }
      for (int i = stack.size() - 1; i >= 0; i--) { // another pull may have unpacked some meanwhile
        Optional<String> done = layers.find(stack.get(i).chainId());
        if (done.isPresent()) {
          return i == stack.size() - 1 ? done.get() : pullLocked(ctx, stack.subList(i + 1, stack.size()), done.get(), from);
        }
      }
      return pullLocked(ctx, stack, base, from);
    } finally {
      for (KeyedLocks<Digest>.Held lock : held.reversed()) lock.close();
    }
  }

  private String pullLocked(OpContext ctx, List<Layer> stack, String base, BlobFetcher from)
      throws IOException, InterruptedException {
    SnapshotStore store = refs.store();
    List<String> ids = new ArrayList<>();
    Exception failure = null;
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try (pool) {
      try {
        for (int i = 0; i < stack.size(); i++) {
          ids.add(store.prepare(i == 0 ? base : ids.get(i - 1)));
        }
        Semaphore slots = new Semaphore(PARALLEL_DOWNLOADS, true);
        List<Future<Boolean>> downloads = new ArrayList<>();
        List<Future<Unpacked>> unpacks = new ArrayList<>();
        CountDownLatch previousStarted = new CountDownLatch(0);
        for (int i = 0; i < stack.size(); i++) {
          Layer layer = stack.get(i);
          BlobTee tee = new BlobTee();
          Future<Boolean> download = pool.submit(() -> {
            slots.acquire();
            try {
              return fetcher.ensure(layer.blob(), from, ctx.progress(), tee);
            } finally {
              slots.release();
            }
          });
          downloads.add(download);
          String id = ids.get(i);
          boolean lowerReady = i == 0;
          Turn turn = new Turn(previousStarted, new CountDownLatch(1));
          previousStarted = turn.started();
          unpacks.add(pool.submit(() -> unpackStreaming(ctx, layer, id, lowerReady, base, tee.reader(), download, turn)));
        }
        for (int i = 0; i < stack.size(); i++) {
          Unpacked result;
          try {
            result = await(unpacks.get(i));
          } catch (IOException e) {
            await(downloads.get(i)); // a failed download broke the unpack: report the download's own error
            throw e;
          }
          await(downloads.get(i)); // the blob is stored and its digest verified
          complete(ctx, result, stack.get(i), ids.get(i), i == 0 ? base : ids.get(i - 1));
        }
        List<String> descriptions = stack.stream().map(l -> "pulled layer " + l.blob().digest()).toList();
        store.commitAll(ids, "regular", descriptions);
      } catch (Exception e) {
        failure = e;
        pool.shutdownNow(); // stop the other downloads and unpacks; close() then waits for them
      }
    }
    if (failure != null) {
      removeAll(store, ids, failure);
      switch (failure) {
        case IOException io -> throw io;
        case InterruptedException ie -> throw ie;
        case RuntimeException re -> throw re;
        default -> throw new IOException(failure.getMessage(), failure);
      }
    }
    for (int i = 0; i < stack.size(); i++) {
      Layer layer = stack.get(i);
      layers.record(layer.chainId(), layer.diffId(), ids.get(i), layer.blob());
      unpack.counted();
    }
    return ids.getLast();
  }

  /** Finishes what unpacking layer {@code id} before its lower layers left, now that they are complete. */
  private void complete(OpContext ctx, Unpacked result, Layer layer, String id, String parent) throws Exception {
    switch (result) {
      case Done d -> {}
      case ParentDirsPending p -> {
        try (MountedTree lower = view(parent)) {
          p.applier().completeWith(Optional.ofNullable(lower).map(MountedTree::root));
        }
      }
      case AgainOnLower a -> ctx.heavy(() -> {
        clear(id);
        return extracting(ctx, layer, () -> applyOnLower(id, parent, layer, fetcher.store().open(Digests.of(layer.blob().digest()))));
      });
    }
  }

  /**
   * When a layer's unpacker may ask for a permit for heavy work: after the layer below got one
   * ({@code previousStarted}). Lower layers go first: the lowest is most often the largest, and
   * the first missing one needs no second pass.
   */
  private record Turn(CountDownLatch previousStarted, CountDownLatch started) {}

  /**
   * Unpacks one layer from its download as the bytes arrive: on {@code parent} (committed, null
   * for none) when {@code lowerReady}, else before its lower layers exist.
   */
  private Unpacked unpackStreaming(OpContext ctx, Layer layer, String id, boolean lowerReady, String parent,
      BlobTee.Reader stream, Future<Boolean> download, Turn turn) throws Exception {
    try {
      InputStream raw = stream;
      try {
        stream.awaitData(); // a permit for heavy work only once there is work: the download is running
      } catch (BlobTee.NotStreamed | BlobTee.Restarted e) { // in the store already, or to be read from there
        await(download);
        raw = fetcher.store().open(Digests.of(layer.blob().digest()));
      } catch (IOException failed) {
        stream.close();
        throw failed;
      }
      InputStream source = raw;
      turn.previousStarted().await();
      return ctx.heavy(() -> {
        turn.started().countDown();
        stream.start();
        try {
          return extracting(ctx, layer, () -> apply(id, lowerReady, parent, layer, source));
        } catch (IOException e) {
          if (!restarted(e)) throw e;
          await(download); // it started over: unpack again from the stored blob
          clear(id);
          InputStream stored = fetcher.store().open(Digests.of(layer.blob().digest()));
          return extracting(ctx, layer, () -> apply(id, lowerReady, parent, layer, stored));
        }
      });
    } finally {
      turn.started().countDown(); // also when this layer never got to unpack
    }
  }

  private Unpacked apply(String id, boolean lowerReady, String parent, Layer layer, InputStream raw) throws IOException {
    if (lowerReady) {
      return applyOnLower(id, parent, layer, raw);
    }
    LayerApplier applier = LayerApplier.overlayBeforeLower(refs.store().changesDir(id));
    try {
      LayerUnpack.applyVerified(raw, layer.blob(), layer.diffId(), applier);
    } catch (LayerApplier.NeedsLowerLayers e) {
      return new AgainOnLower();
    }
    return new ParentDirsPending(applier);
  }

  private Unpacked applyOnLower(String id, String parent, Layer layer, InputStream raw) throws IOException {
    try (MountedTree lower = view(parent)) {
      LayerApplier applier = LayerApplier.overlay(refs.store().changesDir(id), Optional.ofNullable(lower).map(MountedTree::root));
      LayerUnpack.applyVerified(raw, layer.blob(), layer.diffId(), applier);
    }
    return new Done();
  }

  private MountedTree view(String snapshot) throws IOException {
    return snapshot == null ? null : refs.view(snapshot);
  }

  /** Empties an active snapshot's upper dir, for a new attempt at its layer. */
  private void clear(String id) throws IOException {
    Path changes = refs.store().changesDir(id);
    Trees.deleteRecursively(changes);
    Files.createDirectory(changes);
  }

  private interface Extraction<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} reported as the extraction of the layer's blob, as {@link LayerUnpack} reports it. */
  private static <T> T extracting(OpContext ctx, Layer layer, Extraction<T> work) throws IOException {
    String status = "extracting " + layer.blob().digest();
    Instant started = Instant.now();
    ctx.progress().status(status, status, 0, 0, started, null);
    T result = work.run();
    ctx.progress().status(status, status, 0, 0, started, Instant.now());
    return result;
  }

  /** Whether {@code e} (or its cause, through the tar reader) says that the download started over. */
  private static boolean restarted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlobTee.Restarted) return true;
    }
    return false;
  }

  private static void removeAll(SnapshotStore store, List<String> ids, Exception failure) {
    for (String id : ids.reversed()) { // children first
      try {
        store.remove(id);
      } catch (IOException cleanup) {
        failure.addSuppressed(cleanup);
      }
    }
  }

  static <T> T await(Future<T> task) throws IOException, InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case RuntimeException re -> throw re;
        case InterruptedException ie -> throw ie;
        case Throwable t -> throw new IOException(t.getMessage(), t);
      }
    }
  }
}
