package dev.kiln.registry.client;

import dev.kiln.registry.BlobSource;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.Rejected;
import dev.kiln.registry.http.Body;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Uploads a blob: opens a session ({@code POST}), then either sends it whole ({@code PUT
 * ?digest=}) or, above the chunk size, in {@code PATCH} chunks followed by an empty {@code PUT
 * ?digest=}. Each response's {@code Location} is the URL for the next step.
 */
record BlobUpload(ImageRef repo, Descriptor blob, BlobSource source) {
  private static final String OCTETS = "application/octet-stream";

  String description() {
    return "push blob " + blob.digest() + " to " + repo.name();
  }

  /** Uploads into a new session, or into {@code session} (e.g. left by a failed mount). */
  void run(Wire wire, Optional<Response> session) throws RegistryException {
    Response started = session.isPresent() ? session.get() : start(wire);
    String location = location(started);
    long minChunk = started.header("OCI-Chunk-Min-Length").map(Long::parseLong).orElse(0L);
    long chunk = Math.max(wire.chunkSize(), minChunk);
    if (blob.size() <= chunk) {
      finish(wire, started, location, Optional.of(slice(0, blob.size())));
      return;
    }
    Response last = started;
    for (long offset = 0; offset < blob.size(); offset += chunk) {
      long len = Math.min(chunk, blob.size() - offset);
      // PATCH <location>   Content-Range: <start>-<end>   Content-Type: application/octet-stream
      Request patch = Wire.follow(last, "PATCH", location, description())
          .withHeader("Content-Range", offset + "-" + (offset + len - 1))
          .withBody(slice(offset, len));
      try (Response r = wire.send(patch)) {
        if (r.status() != 202) {
          throw Errors.of(wire, description(), Access.PUSH, repo, r, "upload session vanished");
        }
        location = location(r);
        last = r;
      }
    }
    finish(wire, last, location, Optional.empty());
  }

  private Response start(Wire wire) throws RegistryException {
    // POST /v2/<name>/blobs/uploads/   → 202, Location: <upload URL>
    Request post = wire.request("POST", repo, Access.PUSH, Wire.uploadsPath(repo), description());
    Response r = wire.send(post);
    r.close();
    if (r.status() != 202) {
      throw Errors.of(wire, description(), Access.PUSH, repo, r, "repository " + repo.name() + " not found");
    }
    return r;
  }

  private void finish(Wire wire, Response previous, String location, Optional<Body> body) throws RegistryException {
    String sep = location.contains("?") ? "&" : "?";
    // PUT <location>?digest=<digest>   (with the whole blob, or empty after PATCHes)
    Request put = Wire.follow(previous, "PUT", location + sep + "digest=" + blob.digest(), description());
    if (body.isPresent()) {
      put = put.withBody(body.get());
    }
    try (Response r = wire.send(put)) {
      if (r.status() != 201) {
        throw Errors.of(wire, description(), Access.PUSH, repo, r, "upload session vanished");
      }
    }
  }

  private String location(Response r) throws Rejected {
    return r.header("Location").orElseThrow(() ->
        new Rejected(description(), r.status(), "registry answered " + r.status() + " without a Location header"));
  }

  private Body slice(long offset, long length) {
    return new Body(OCTETS, length, () -> {
      InputStream in = source.openAt(offset);
      return new BoundedInputStream(in, length);
    });
  }

  /** Reads at most {@code limit} bytes of {@code in}, so a chunk is exactly its length. */
  private static final class BoundedInputStream extends java.io.FilterInputStream {
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
