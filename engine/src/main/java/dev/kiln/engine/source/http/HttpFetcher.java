package dev.kiln.engine.source.http;

import dev.kiln.engine.content.ContentMismatchException;
import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.image.ByteProgress;
import dev.kiln.engine.source.http.HttpValidators.Entry;
import dev.kiln.llb.Digest;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One GET of a URL, streamed into the content store: conditional when an earlier download is
 * known, following redirects, retried with backoff on connection errors and 408/429/5xx.
 * Thread-safe.
 */
final class HttpFetcher implements AutoCloseable {
  private static final int ATTEMPTS = 4;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  /** Built on first use: most builds download nothing, and a client costs TLS set-up and a thread. */
  private HttpClient client;
  private final ContentStore store;

  HttpFetcher(ContentStore store) {
    this.store = store;
  }

  /** What a GET gave: the earlier download still holds, or a new file now in the store. */
  sealed interface Outcome {
    record NotModified(Entry previous) implements Outcome {}

    record Fetched(Entry entry) implements Outcome {}
  }

  /**
   * Fetches {@code attrs.url()}; with {@code previous} set the request carries its validators.
   * With a checksum, bytes that do not match fail the fetch and nothing is stored.
   */
  Outcome fetch(HttpAttrs attrs, Entry previous, ProgressWriter progress) throws IOException, InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        return once(attrs, previous, progress);
      } catch (TransientException e) {
        if (attempt == ATTEMPTS) throw new IOException("GET " + attrs.url() + " failed after " + ATTEMPTS + " attempts: " + e.getMessage(), e);
      }
      Thread.sleep(backoff);
      backoff = backoff.multipliedBy(2);
    }
  }

  private Outcome once(HttpAttrs attrs, Entry previous, ProgressWriter progress)
      throws IOException, InterruptedException, TransientException {
    // GET <url> [If-None-Match: <etag>] [If-Modified-Since: <last-modified>]
    HttpRequest.Builder request = HttpRequest.newBuilder(attrs.url()).GET().header("User-Agent", "kiln");
    attrs.headers().forEach(request::setHeader);
    if (previous != null && previous.etag() != null) request.header("If-None-Match", previous.etag());
    if (previous != null && previous.lastModified() != null) request.header("If-Modified-Since", previous.lastModified());
    HttpResponse<InputStream> response;
    try {
      response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new TransientException(describe(e), e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 304 && previous != null) return new Outcome.NotModified(previous);
      if (status == 408 || status == 429 || status >= 500) throw new TransientException("HTTP " + status, null);
      if (status != 200) throw new IOException("GET " + attrs.url() + ": HTTP " + status + " (expected 200)");
      URI finalUrl = response.uri();
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      Digest digest = store(attrs, body, length, progress);
      // The name the server gives; an http.filename attr overrides it per op, not per URL.
      String filename = FileNames.choose("", response.headers(), finalUrl);
      return new Outcome.Fetched(new Entry(attrs.downloadKey(),
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null),
          filename, digest, store.size(digest).orElse(-1L)));
    }
  }

  private Digest store(HttpAttrs attrs, InputStream body, long length, ProgressWriter progress)
      throws IOException, TransientException {
    String id = "downloading " + attrs.url();
    ByteProgress bytes = progress == null ? null : new ByteProgress(progress, id, length);
    Counting counting = new Counting(body, bytes);
    try {
      Digest digest = store.write(counting, attrs.checksum(), -1);
      if (bytes != null) bytes.done(counting.count);
      return digest;
    } catch (ContentMismatchException e) {
      throw new IOException("checksum mismatch for " + attrs.url() + ": " + e.getMessage()
          + " (the file changed on the server, or http.checksum / ADD --checksum is wrong)", e);
    } catch (IOException e) {
      // The connection broke mid-body: the partial ingest is discarded, so try again.
      throw new TransientException(describe(e), e);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A failure worth another attempt. */
  private static final class TransientException extends Exception {
    TransientException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Counts bytes read and reports them as progress. */
  private static final class Counting extends FilterInputStream {
    private final ByteProgress bytes;
    long count;

    Counting(InputStream in, ByteProgress bytes) {
      super(in);
      this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) advance(1);
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) advance(n);
      return n;
    }

    private void advance(long n) {
      count += n;
      if (bytes != null) bytes.update(count);
    }
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(30))
          .build();
    }
    return client;
  }

  /** Stops the client's selector thread (the JVM waits for threads in native code at exit). */
  @Override
  public synchronized void close() {
    if (client != null) client.shutdownNow();
    client = null;
  }
}
