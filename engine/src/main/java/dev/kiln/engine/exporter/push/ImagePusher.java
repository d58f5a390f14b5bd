package dev.kiln.engine.exporter.push;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.BlobSupply;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.image.Image;
import dev.kiln.engine.exporter.image.ImageIndex;
import dev.kiln.engine.exporter.image.WrittenImage;
import dev.kiln.engine.image.BlobSources;
import dev.kiln.engine.image.Digests;
import dev.kiln.registry.BlobSource;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.PushResult;
import dev.kiln.registry.RegistryClient;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Pushes an image from the content store: every blob in parallel (at most {@value #PARALLEL} at a
 * time), then the manifest, which a registry accepts only once its blobs are there. Thread-safe.
 */
public final class ImagePusher {
  static final int PARALLEL = 4;

  private final ContentStore content;
  private final BlobSources sources;

  public ImagePusher(ContentStore content, BlobSources sources) {
    this.content = content;
    this.sources = sources;
  }

  /**
   * Pushes {@code image} to {@code target}'s repository and stores the manifest under its tag, or
   * under its digest only when {@code byDigest}. Returns how each blob got there.
   *
   * @param progress one status per blob, or null
   */
  public Map<Descriptor, PushResult> push(RegistryClient client, WrittenImage image, ImageRef target, boolean byDigest,
      ProgressWriter progress) throws IOException {
    return push(client, image, target, byDigest, progress, BlobSupply.NONE);
  }

  /**
   * The same for an image whose layer blobs need not be local: {@code missing} fetches one only
   * when the registry neither has it nor can mount it, so the bytes must be uploaded.
   */
  public Map<Descriptor, PushResult> push(RegistryClient client, WrittenImage image, ImageRef target, boolean byDigest,
      ProgressWriter progress, BlobSupply missing) throws IOException {
    Map<String, Descriptor> blobs = new LinkedHashMap<>();
    for (Image i : image.images()) {
      blobs.putIfAbsent(i.config().digest().value(), i.config());
      i.layers().forEach(l -> blobs.putIfAbsent(l.digest().value(), l));
    }
    Map<Descriptor, PushResult> results = pushBlobs(client, target, blobs.values(), progress, missing);
    // An index's manifests go first, by digest: a registry checks that what the index names exists.
    if (image instanceof ImageIndex) {
      for (Image i : image.images()) pushManifest(client, i.manifest(), target, true);
    }
    pushManifest(client, image.top(), target, byDigest);
    return results;
  }

  /** Pushes {@code blobs} from the content store to {@code target}'s repository, mounting where it can. */
  public Map<Descriptor, PushResult> pushBlobs(RegistryClient client, ImageRef target, java.util.Collection<Descriptor> blobs,
      ProgressWriter progress, BlobSupply missing) throws IOException {
    Map<Descriptor, PushResult> results = new LinkedHashMap<>();
    Semaphore slots = new Semaphore(PARALLEL);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<PushResult>> pushes = new ArrayList<>();
      for (Descriptor blob : blobs) {
        pushes.add(pool.submit(() -> {
          slots.acquire();
          try {
            return pushBlob(client, target, blob, progress, missing);
          } finally {
            slots.release();
          }
        }));
      }
      int i = 0;
      for (Descriptor blob : blobs) results.put(blob, await(pushes.get(i++), blob));
    }
    return results;
  }

  private void pushManifest(RegistryClient client, Descriptor manifest, ImageRef target, boolean byDigest)
      throws IOException {
    byte[] bytes;
    try (InputStream in = content.open(manifest.digest())) {
      bytes = in.readAllBytes();
    }
    // PUT /v2/<name>/manifests/<tag|digest>
    ImageRef ref = byDigest ? target.at(Digests.toRegistry(manifest.digest())) : target;
    client.pushManifest(ref, manifest.mediaType(), bytes);
  }

  private PushResult pushBlob(RegistryClient client, ImageRef target, Descriptor blob, ProgressWriter progress,
      BlobSupply missing) throws IOException {
    String id = "pushing " + blob.digest().value();
    Instant started = Instant.now();
    if (progress != null) progress.status(id, id, 0, blob.size(), started, null);
    dev.kiln.registry.Descriptor d =
        new dev.kiln.registry.Descriptor(blob.mediaType(), Digests.toRegistry(blob.digest()), blob.size());
    // Opened only for an upload: after the HEAD and the mount failed.
    BlobSource source = offset -> {
      if (!content.exists(blob.digest())) missing.fetch(blob.digest());
      InputStream in = content.open(blob.digest());
      in.skipNBytes(offset);
      return in;
    };
    PushResult result = client.pushBlob(target, d, source, mountSource(target, blob));
    if (progress != null) progress.status(id, id, blob.size(), blob.size(), started, Instant.now());
    return result;
  }

  /** Another repository of the target's registry this blob was pulled from, if any. */
  private Optional<ImageRef> mountSource(ImageRef target, Descriptor blob) throws IOException {
    for (String repository : sources.find(blob.digest())) {
      ImageRef from = ImageRef.parse(repository);
      if (from.registry().equals(target.registry()) && !from.repository().equals(target.repository())) {
        return Optional.of(from);
      }
    }
    return Optional.empty();
  }

  private static PushResult await(Future<PushResult> push, Descriptor blob) throws IOException {
    try {
      return push.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while pushing " + blob.digest(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) throw io;
      if (cause instanceof RuntimeException re) throw re;
      throw new IOException("pushing " + blob.digest() + ": " + cause.getMessage(), cause);
    }
  }
}
