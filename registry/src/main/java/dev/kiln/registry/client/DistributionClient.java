package dev.kiln.registry.client;

import dev.kiln.registry.BlobSink;
import dev.kiln.registry.BlobSource;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.Platform;
import dev.kiln.registry.PushResult;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.NotFound;
import dev.kiln.registry.RegistryException.Rejected;
import dev.kiln.registry.RegistryListener;
import dev.kiln.registry.ResolvedManifest;
import dev.kiln.registry.auth.AuthInterceptor;
import dev.kiln.registry.auth.DockerConfigCredentials;
import dev.kiln.registry.hosts.Endpoints;
import dev.kiln.registry.hosts.HostsConfig;
import dev.kiln.registry.http.Backoff;
import dev.kiln.registry.http.EndpointFallbackInterceptor;
import dev.kiln.registry.http.Pipeline;
import dev.kiln.registry.http.RedirectInterceptor;
import dev.kiln.registry.http.RetryInterceptor;
import dev.kiln.registry.http.Transport;
import dev.kiln.registry.manifest.ImageIndex;
import dev.kiln.registry.manifest.Manifests;
import dev.kiln.registry.manifest.PlatformMatcher;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link RegistryClient} over the OCI distribution API on {@link java.net.http.HttpClient}. Each
 * endpoint is one small action class; requests pass through endpoint fallback (mirrors, HTTPS→HTTP)
 * → retry → auth → redirects → transport. Immutable and thread-safe.
 */
public final class DistributionClient implements RegistryClient, AutoCloseable {
  private static final int MAX_INDEX_DEPTH = 4;
  private final Wire wire;

  private DistributionClient(Wire wire) {
    this.wire = wire;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Releases the HTTP clients; requests still running fail. */
  @Override
  public void close() {
    wire.endpoints().close();
  }

  @Override
  public Descriptor head(ImageRef ref) throws RegistryException {
    Optional<Descriptor> d = new ManifestHead(ref).run(wire);
    return d.isPresent() ? d.get() : new ManifestGet(ref).run(wire).descriptor();
  }

  @Override
  public ResolvedManifest resolve(ImageRef ref) throws RegistryException {
    return new ManifestGet(ref).run(wire);
  }

  @Override
  public ResolvedManifest resolve(ImageRef ref, Platform platform) throws RegistryException {
    ResolvedManifest m = resolve(ref);
    PlatformMatcher matcher = PlatformMatcher.only(platform);
    for (int depth = 0; m.isIndex(); depth++) {
      if (depth == MAX_INDEX_DEPTH) {
        throw new Rejected("resolve " + ref, 200, "indexes nested deeper than " + MAX_INDEX_DEPTH);
      }
      ImageIndex index = parseIndex(ref, m);
      Descriptor chosen = matcher.best(index.manifests()).orElseThrow(() -> noMatch(ref, platform, index));
      m = resolve(ref.at(chosen.digest()));
      if (m.descriptor().size() != chosen.size()) {
        throw new Rejected("resolve " + ref, 200, "manifest " + chosen.digest() + " has "
            + m.descriptor().size() + " bytes, the index says " + chosen.size());
      }
    }
    return m;
  }

  private static ImageIndex parseIndex(ImageRef ref, ResolvedManifest m) throws Rejected {
    try {
      return Manifests.parseIndex(m.bytes());
    } catch (IOException e) {
      throw new Rejected("resolve " + ref, 200, "invalid index " + m.descriptor().digest() + ": " + e.getMessage());
    }
  }

  private static NotFound noMatch(ImageRef ref, Platform platform, ImageIndex index) {
    String available = index.manifests().stream()
        .flatMap(d -> d.platform().stream()).map(Platform::toString).distinct()
        .collect(Collectors.joining(", "));
    return new NotFound("resolve " + ref, ref + " for " + platform,
        "no manifest for platform " + platform + " in " + ref + " (available: " + available + ")");
  }

  @Override
  public void fetchBlob(ImageRef repository, Descriptor blob, BlobSink sink) throws IOException {
    new BlobGet(repository, blob).run(wire, sink);
  }

  @Override
  public boolean blobExists(ImageRef repository, Digest digest) throws RegistryException {
    return new BlobCheck(repository, digest, Access.PULL).run(wire);
  }

  @Override
  public PushResult pushBlob(ImageRef repository, Descriptor blob, BlobSource source, Optional<ImageRef> mountFrom)
      throws IOException {
    if (new BlobCheck(repository, blob.digest(), Access.PUSH).run(wire)) {
      return PushResult.EXISTED;
    }
    Optional<BlobMount.Result> mount = Optional.empty();
    if (mountFrom.isPresent() && mountFrom.get().registry().equals(repository.registry())) {
      mount = Optional.of(new BlobMount(repository, mountFrom.get(), blob).run(wire));
      if (mount.get().mounted()) {
        return PushResult.MOUNTED;
      }
    }
    new BlobUpload(repository, blob, source).run(wire, mount.flatMap(BlobMount.Result::uploadSession));
    return PushResult.UPLOADED;
  }

  @Override
  public Descriptor pushManifest(ImageRef ref, String mediaType, byte[] manifest) throws RegistryException {
    return new ManifestPut(ref, mediaType, manifest.clone()).run(wire);
  }

  @Override
  public List<String> listTags(ImageRef repository) throws RegistryException {
    return new TagList(repository).run(wire);
  }

  /** Options with defaults fit for a daemon: docker config credentials, 5 tries, 16 MiB chunks. */
  public static final class Builder {
    private HostsConfig hosts = HostsConfig.EMPTY;
    private CredentialProvider credentials;
    private RegistryListener listener = RegistryListener.NONE;
    private Backoff backoff = Backoff.DEFAULT;
    private long chunkSize = 16L << 20;
    private Duration connectTimeout = Duration.ofSeconds(15);
    private Duration responseTimeout = Duration.ofSeconds(60);
    private String userAgent = "kiln/0.1";
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder hosts(HostsConfig h) { hosts = h; return this; }
    public Builder credentials(CredentialProvider c) { credentials = c; return this; }
    public Builder listener(RegistryListener l) { listener = l; return this; }
    public Builder backoff(Backoff b) { backoff = b; return this; }
    /** Blobs up to this size go in one PUT; bigger ones in PATCH chunks of this size. */
    public Builder chunkSize(long bytes) { chunkSize = bytes; return this; }
    public Builder connectTimeout(Duration d) { connectTimeout = d; return this; }
    /** How long to wait for response headers (not the whole body). */
    public Builder responseTimeout(Duration d) { responseTimeout = d; return this; }
    public Builder userAgent(String ua) { userAgent = ua; return this; }
    public Builder clock(Clock c) { clock = c; return this; }

    public DistributionClient build() {
      CredentialProvider creds = credentials != null ? credentials : DockerConfigCredentials.fromEnvironment();
      Transport transport = new Transport(responseTimeout, userAgent);
      RetryInterceptor retry = new RetryInterceptor(backoff, listener);
      Pipeline tokens = new Pipeline(List.of(retry, new RedirectInterceptor()), transport);
      Pipeline pipeline = new Pipeline(List.of(
          new EndpointFallbackInterceptor(listener), retry,
          new AuthInterceptor(creds, tokens, clock), new RedirectInterceptor()), transport);
      return new DistributionClient(new Wire(pipeline, new Endpoints(hosts, connectTimeout), creds, backoff, listener, chunkSize));
    }
  }
}
