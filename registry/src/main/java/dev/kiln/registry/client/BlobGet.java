package dev.kiln.registry.client;

import dev.kiln.registry.BlobSink;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.DigestMismatch;
import dev.kiln.registry.RegistryException.Rejected;
import dev.kiln.registry.RegistryException.TransportError;
import dev.kiln.registry.http.Backoff;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * Streams one blob into a sink, hashing as it goes. A body that ends early or breaks off is
 * resumed with {@code Range: bytes=<offset>-} (or restarted if the server ignores ranges), up to
 * the backoff's attempt limit. The sink is committed only when size and digest match, and
 * discarded on a mismatch; on other failures it is left as is, so a later fetch can resume.
 */
record BlobGet(ImageRef repo, Descriptor blob) {
  String description() {
    return "fetch blob " + blob.digest() + " from " + repo.name();
  }

  void run(Wire wire, BlobSink sink) throws IOException {
    MessageDigest hasher = blob.digest().newHasher();
    long offset = rehashStored(sink, hasher);
    int interruptions = 0;
    while (offset < blob.size()) {
      Progress p = fetchFrom(wire, sink, hasher, offset);
      offset = p.offset();
      if (offset > blob.size()) {
        throw mismatch(sink, Optional.empty(), "registry sent more than the " + blob.size() + " bytes the descriptor says");
      }
      if (offset < blob.size()) {
        interruptions++;
        pause(wire, interruptions, p.reason());
      }
    }
    Digest actual = blob.digest().withHash(hasher.digest());
    if (!actual.equals(blob.digest())) {
      throw mismatch(sink, Optional.of(actual), "content has digest " + actual);
    }
    sink.commit(blob);
  }

  /** Hashes what the sink kept from an earlier attempt; returns where to continue. */
  private long rehashStored(BlobSink sink, MessageDigest hasher) throws IOException {
    long stored = sink.storedBytes();
    if (stored <= 0 || stored > blob.size()) {
      return 0;
    }
    try (InputStream in = sink.readStored()) {
      byte[] buf = new byte[64 << 10];
      long left = stored;
      for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; left -= n) {
        hasher.update(buf, 0, n);
      }
      if (left > 0) {
        hasher.reset();
        return 0;
      }
    }
    return stored;
  }

  private record Progress(long offset, String reason) {}

  /** One GET; returns the new offset and, if the body ended early, why. */
  private Progress fetchFrom(Wire wire, BlobSink sink, MessageDigest hasher, long offset) throws IOException {
    // GET /v2/<name>/blobs/<digest>   Range: bytes=<offset>-   (→ 206, or 200 if ranges unsupported)
    Request request = wire.request("GET", repo, Access.PULL, Wire.blobPath(repo, blob.digest().toString()), description());
    if (offset > 0) {
      request = request.withHeader("Range", "bytes=" + offset + "-");
    }
    try (Response r = wire.send(request)) {
      long start = startOf(wire, r, offset);
      if (start == 0 && offset > 0) {
        hasher.reset(); // the server ignored Range and sent everything: start over
      }
      try (OutputStream out = sink.open(start)) {
        return copy(r.body(), out, hasher, start);
      }
    }
  }

  private long startOf(Wire wire, Response r, long offset) throws RegistryException {
    if (r.status() == 200) {
      return 0;
    }
    if (r.status() == 206) {
      String range = r.header("Content-Range").orElse("");
      if (range.startsWith("bytes " + offset + "-")) {
        return offset;
      }
      throw new Rejected(description(), 206, "asked for bytes from " + offset + ", got range \"" + range + "\"");
    }
    throw Errors.of(wire, description(), Access.PULL, repo, r,
        "blob " + blob.digest() + " not found in " + repo.name() + " — the image's manifest references a blob the registry lost");
  }

  /** Copies until EOF or one byte past the expected size; a broken body is reported, not thrown. */
  private Progress copy(InputStream body, OutputStream out, MessageDigest hasher, long offset) throws IOException {
    byte[] buf = new byte[64 << 10];
    long pos = offset;
    long limit = blob.size() + 1;
    while (pos < limit) {
      int n;
      try {
        n = body.read(buf, 0, (int) Math.min(buf.length, limit - pos));
      } catch (IOException broken) {
        return new Progress(pos, "download interrupted at byte " + pos + ": " + broken.getMessage());
      }
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n); // the sink's own I/O errors propagate
      hasher.update(buf, 0, n);
      pos += n;
    }
    return new Progress(pos, "body ended at byte " + pos + " of " + blob.size());
  }

  private void pause(Wire wire, int interruptions, String reason) throws TransportError {
    Backoff backoff = wire.backoff();
    if (interruptions >= backoff.maxAttempts()) {
      throw new TransportError(description(), reason + " (gave up after " + interruptions + " attempts)", true, null);
    }
    Duration delay = backoff.delayAfter(interruptions);
    wire.listener().retrying(description(), interruptions, backoff.maxAttempts(), delay, reason);
    try {
      Backoff.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportError(description(), "interrupted", false, e);
    }
  }

  private DigestMismatch mismatch(BlobSink sink, Optional<Digest> actual, String what) throws IOException {
    sink.discard();
    return new DigestMismatch(description(), blob.digest(), actual,
        "blob " + blob.digest() + " from " + repo.name() + ": " + what + ", expected " + blob.digest()
            + " (" + blob.size() + " bytes) — the registry or a proxy in between served wrong data; the download was discarded");
  }
}
