package dev.kiln.engine.image;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.image.unpack.Decompression;
import dev.kiln.engine.image.unpack.LayerApplier;
import dev.kiln.engine.image.unpack.ReadAhead;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.registry.Descriptor;
import dev.kiln.solver.OpContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unpacks one layer blob from the content store into a new snapshot on top of its parent, once
 * per chain id: whoever comes second waits and reuses the first one's snapshot. The uncompressed
 * stream is checked against the config's diff id; a layer that fails is removed, never recorded.
 * Thread-safe.
 */
public final class LayerUnpack {
  private final SnapshotRefs refs;
  private final ContentStore content;
  private final LayerSnapshots layers;
  private final KeyedLocks<Digest> locks = new KeyedLocks<>();
  private final AtomicLong unpacked = new AtomicLong();

  public LayerUnpack(SnapshotRefs refs, ContentStore content, LayerSnapshots layers) {
    this.refs = refs;
    this.content = content;
    this.layers = layers;
  }

  /** The snapshot of layer stack {@code chainId}, unpacking {@code blob} on {@code parent} if no one has. */
  public String layer(OpContext ctx, String parent, Descriptor blob, Digest diffId, Digest chainId) throws IOException {
    try (var _ = locks.lock(chainId)) {
      Optional<String> existing = layers.find(chainId);
      if (existing.isPresent()) {
        return existing.get();
      }
      SnapshotStore store = refs.store();
      String id = store.prepare(parent);
      try {
        String status = "extracting " + blob.digest();
        Instant started = Instant.now();
        ctx.progress().status(status, status, 0, 0, started, null);
        ctx.heavy(() -> {
          apply(id, parent, blob, diffId);
          return null;
        });
        ctx.progress().status(status, status, 0, 0, started, Instant.now());
        store.commit(id);
        store.describe(id, "regular", "pulled layer " + blob.digest());
      } catch (Exception e) {
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        IOException failure = e instanceof IOException io ? io : new IOException("unpacking layer " + blob.digest() + ": " + e.getMessage(), e);
        try {
          store.remove(id);
        } catch (IOException cleanup) {
          failure.addSuppressed(cleanup);
        }
        throw failure;
      }
      layers.record(chainId, diffId, id, blob);
      unpacked.incrementAndGet();
      return id;
    }
  }

  /** A new empty committed snapshot, for an image without layers. */
  public String empty() throws IOException {
    String id = refs.store().prepare(null);
    refs.store().commit(id);
    return id;
  }

  /** Layers unpacked since this instance was created. */
  public long unpacked() {
    return unpacked.get();
  }

  SnapshotRefs refs() {
    return refs;
  }

  /** Whether snapshots keep only their own changes, so layers can be written before their parents ({@link StreamedLayers}). */
  boolean layered() {
    return refs.store().keepsChanges();
  }

  /** Locks layer stack {@code chainId} (held while it is unpacked); closing the result unlocks. */
  KeyedLocks<Digest>.Held lock(Digest chainId) throws InterruptedException {
    return locks.lockInterruptibly(chainId);
  }

  void counted() {
    unpacked.incrementAndGet();
  }

  private void apply(String id, String parent, Descriptor blob, Digest diffId) throws IOException {
    Digest digest = Digests.of(blob.digest());
    Path changes = refs.store().changesDir(id);
    if (changes != null) {
      try (MountedTree lower = parent == null ? null : refs.view(parent)) {
        LayerApplier applier = LayerApplier.overlay(changes, Optional.ofNullable(lower).map(MountedTree::root));
        applyVerified(content.open(digest), blob, diffId, applier);
      }
    } else {
      try (MountedTree tree = refs.mountActive(id)) {
        applyVerified(content.open(digest), blob, diffId, LayerApplier.inPlace(tree.root()));
      }
    }
  }

  /**
   * Applies the layer blob {@code raw} (closed here) with {@code applier}, checking that its
   * uncompressed stream is {@code diffId}.
   */
  static void applyVerified(InputStream raw, Descriptor blob, Digest diffId, LayerApplier applier) throws IOException {
    MessageDigest sha = sha256();
    // Decompressing and hashing run on a thread of their own, ahead of the file writes.
    try (raw; InputStream tar = new ReadAhead(new DigestInputStream(Decompression.open(raw), sha))) {
      applier.apply(tar);
      tar.transferTo(OutputStream.nullOutputStream()); // the diff id covers the tar's padding too
    }
    Digest actual = Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
    if (!actual.equals(diffId)) {
      throw new IOException("layer " + blob.digest() + " unpacks to content " + actual
          + " but the image config says " + diffId + " — the image is corrupt or was tampered with");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
