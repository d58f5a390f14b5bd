package dev.kiln.engine.image;

import dev.kiln.llb.Digest;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.manifest.ImageManifest;
import dev.kiln.solver.OpContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Turns an image (manifest + config + where its blobs are) into a stack of snapshots, one per
 * layer, keyed by chain id: layers another image already unpacked are reused and not even
 * downloaded. When snapshots hold only their own changes (overlayfs), missing layers unpack while
 * they download, all at once ({@link StreamedLayers}); otherwise they download in parallel on
 * virtual threads while earlier ones unpack, in order, each on top of the previous. Thread-safe.
 */
public final class ImageUnpacker {
  private final ContentFetcher fetcher;
  private final LayerSnapshots layers;
  private final LayerUnpack unpack;
  private final StreamedLayers streamed;

  public ImageUnpacker(ContentFetcher fetcher, LayerSnapshots layers, LayerUnpack unpack) {
    this.fetcher = fetcher;
    this.layers = layers;
    this.unpack = unpack;
    this.streamed = new StreamedLayers(fetcher, unpack, unpack.refs(), layers);
  }

  /** The committed snapshot holding the image's first {@code layerLimit} layers (all when negative). */
  public String unpack(OpContext ctx, ImageManifest manifest, byte[] config, BlobFetcher from, int layerLimit) throws IOException, InterruptedException {
    List<Descriptor> blobs = limit(manifest.layers(), layerLimit);
    List<Digest> diffIds = limit(ImageConfig.parse(config).diffIds(), layerLimit);
    if (diffIds.size() != blobs.size()) {
      throw new IOException("the image config lists " + diffIds.size() + " layers (rootfs.diff_ids), the manifest " + blobs.size());
    }
    if (blobs.isEmpty()) {
      return unpack.empty();
    }
    List<Digest> chain = ChainIds.of(diffIds);
    int start = blobs.size();
    Optional<String> parent = Optional.empty();
    while (start > 0 && parent.isEmpty()) { // the longest stack some image already unpacked
      parent = layers.find(chain.get(--start));
      if (parent.isPresent()) start++;
    }
    if (start == blobs.size()) {
      return parent.orElseThrow();
    }
    if (unpack.layered()) {
      List<StreamedLayers.Layer> stack = new ArrayList<>();
      for (int i = start; i < blobs.size(); i++) {
        stack.add(new StreamedLayers.Layer(blobs.get(i), diffIds.get(i), chain.get(i)));
      }
      return streamed.pull(ctx, stack, parent.orElse(null), from);
    }
    return downloadAndApply(ctx, blobs, diffIds, chain, start, parent.orElse(null), from);
  }

  private String downloadAndApply(OpContext ctx, List<Descriptor> blobs, List<Digest> diffIds, List<Digest> chain,
      int start, String parent, BlobFetcher from) throws IOException, InterruptedException {
    Semaphore slots = new Semaphore(StreamedLayers.PARALLEL_DOWNLOADS);
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try (pool) {
      try {
        List<Future<Boolean>> downloads = new ArrayList<>();
        for (int i = start; i < blobs.size(); i++) {
          Descriptor blob = blobs.get(i);
          downloads.add(pool.submit(() -> {
            slots.acquire();
            try {
              return fetcher.ensure(blob, from, ctx.progress());
            } finally {
              slots.release();
            }
          }));
        }
        String top = parent;
        for (int i = start; i < blobs.size(); i++) {
          StreamedLayers.await(downloads.get(i - start));
          top = unpack.layer(ctx, top, blobs.get(i), diffIds.get(i), chain.get(i));
        }
        return top;
      } catch (IOException | InterruptedException | RuntimeException e) {
        pool.shutdownNow(); // stop the other downloads; close() then waits for them
        throw e;
      }
    }
  }

  private static <T> List<T> limit(List<T> list, int limit) {
    return limit < 0 || limit >= list.size() ? list : list.subList(0, limit);
  }
}
