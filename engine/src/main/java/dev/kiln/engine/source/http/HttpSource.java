package dev.kiln.engine.source.http;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.source.PinningSource;
import dev.kiln.engine.source.http.HttpValidators.Entry;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code https://…} and {@code http://…}: one downloaded file in an otherwise empty snapshot, as
 * in BuildKit. The key is the content digest: with {@code http.checksum} it is known without a
 * request; otherwise keying downloads the file (or, when the URL was fetched before, sends one
 * conditional request and reuses the stored file on 304). The file is named by {@code
 * http.filename}, the Content-Disposition header or the URL; mode 0600 unless {@code http.perm};
 * owned by {@code http.uid}/{@code http.gid}; its mtime is the Last-Modified header when given.
 */
public final class HttpSource implements PinningSource, AutoCloseable {
  private final ContentStore store;
  private final HttpValidators validators;
  private final HttpFetcher fetcher;
  private final SnapshotRefs refs;

  public HttpSource(ContentStore store, Database db, SnapshotRefs refs) {
    this.store = store;
    this.validators = new HttpValidators(db);
    this.fetcher = new HttpFetcher(store);
    this.refs = refs;
  }

  /** Releases the HTTP client, if one was made. */
  @Override
  public void close() {
    fetcher.close();
  }

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public Instance instance(SourceRequest request) {
    return new Download(request);
  }

  /** One http op: what keying fetched is what exec places in the snapshot. */
  private final class Download implements Instance {
    private final SourceRequest request;
    private volatile Entry pinned;

    Download(SourceRequest request) {
      this.request = request;
    }

    @Override
    public CacheMap cacheMap(OpContext ctx) throws Exception {
      HttpAttrs attrs = HttpAttrs.of(request.identifier(), request.attrs());
      if (attrs.checksum() != null) {
        return key(attrs, attrs.checksum(), FileNames.choose(attrs.filename(), null, attrs.url()), null);
      }
      Entry e = resolve(ctx, attrs);
      return key(attrs, e.digest(), e.filename(), e.lastModified());
    }

    @Override
    public Result exec(OpContext ctx) throws Exception {
      HttpAttrs attrs = HttpAttrs.of(request.identifier(), request.attrs());
      Entry e = attrs.checksum() != null ? verified(ctx, attrs) : pinned;
      if (e == null || !store.exists(e.digest())) {
        pinned = null;
        e = resolve(ctx, attrs);
      }
      Entry file = e;
      return refs.build(null, root -> ctx.heavy(() -> {
        place(root, file, attrs);
        return null;
      }));
    }

    private Entry resolve(OpContext ctx, HttpAttrs attrs) throws IOException, InterruptedException {
      Entry e = pinned;
      if (e != null) return e;
      Entry previous = validators.find(attrs.downloadKey()).filter(this::stillStored).orElse(null);
      e = switch (fetcher.fetch(attrs, previous, ctx.progress())) {
        case HttpFetcher.Outcome.NotModified n -> n.previous();
        case HttpFetcher.Outcome.Fetched f -> {
          validators.record(f.entry());
          yield f.entry();
        }
      };
      if (!attrs.filename().isEmpty()) {
        e = new Entry(e.url(), e.etag(), e.lastModified(), attrs.filename(), e.digest(), e.size());
      }
      pinned = e;
      return e;
    }

    /**
     * The file pinned by {@code http.checksum}: not requested when the store has those bytes
     * (the mtime then comes from the URL's last recorded download of them).
     */
    private Entry verified(OpContext ctx, HttpAttrs attrs) throws IOException, InterruptedException {
      String url = attrs.downloadKey();
      String name = FileNames.choose(attrs.filename(), null, attrs.url());
      Entry e;
      if (store.exists(attrs.checksum())) {
        String lastModified = validators.find(url).filter(v -> v.digest().equals(attrs.checksum()))
            .map(Entry::lastModified).orElse(null);
        e = new Entry(url, null, lastModified, name, attrs.checksum(), -1);
      } else {
        e = switch (fetcher.fetch(attrs, null, ctx.progress())) {
          case HttpFetcher.Outcome.NotModified n -> n.previous();
          case HttpFetcher.Outcome.Fetched f -> f.entry();
        };
        validators.record(e);
      }
      return new Entry(url, e.etag(), e.lastModified(), name, e.digest(), e.size());
    }

    private boolean stillStored(Entry e) {
      try {
        return store.exists(e.digest());
      } catch (IOException ex) {
        return false;
      }
    }
  }

  private static CacheMap key(HttpAttrs attrs, Digest content, String filename, String lastModified) {
    String recipe = "kiln.http.v0\n" + content.value() + "\n" + filename + "\n" + attrs.permOrDefault() + "\n"
        + attrs.uid() + ":" + attrs.gid() + "\n" + (lastModified == null ? "" : lastModified)
        // Headers change what was asked for (BuildKit keys them too); none keeps the older keys.
        + (attrs.headers().isEmpty() ? "" : "\n" + attrs.headers());
    return CacheMap.of(Digest.of(recipe.getBytes(StandardCharsets.UTF_8)).value(), 0);
  }

  /** Writes the stored file into the new snapshot with its name, owner, mode and time. */
  private void place(Path root, Entry e, HttpAttrs attrs) throws IOException {
    Path file = root.resolve(e.filename());
    try (InputStream in = store.open(e.digest())) {
      Files.copy(in, file);
    }
    PosixFiles.lchown(file, attrs.uid(), attrs.gid());
    PosixFiles.chmod(file, attrs.permOrDefault());
    Instant mtime = parseHttpDate(e.lastModified());
    if (mtime != null) PosixFiles.setTimes(file, mtime, mtime);
  }

  private static Instant parseHttpDate(String value) {
    if (value == null) return null;
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null; // an unparsable header leaves the download time, as BuildKit does
    }
  }
}
