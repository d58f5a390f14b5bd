package dev.kiln.registry.client;

import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.DigestMismatch;
import dev.kiln.registry.RegistryException.Rejected;
import dev.kiln.registry.ResolvedManifest;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import dev.kiln.registry.manifest.Manifests;
import java.io.IOException;
import java.util.Optional;

/**
 * Fetches a manifest or index by tag or digest and verifies it: against the digest in the
 * reference, else against the {@code Docker-Content-Digest} the registry sent.
 */
record ManifestGet(ImageRef ref) {
  /** Manifests are small; a bigger body is a broken or hostile server (containerd uses 4 MiB too). */
  static final int MAX_MANIFEST_BYTES = 4 << 20;

  String description() {
    return "resolve " + ref;
  }

  ResolvedManifest run(Wire wire) throws RegistryException {
    // GET /v2/<name>/manifests/<tag|digest>   Accept: OCI index, Docker list, OCI manifest, Docker v2
    Request request = wire.request("GET", ref, Access.PULL, Wire.manifestPath(ref, ref.reference()), description())
        .withHeader("Accept", String.join(", ", MediaTypes.MANIFESTS));
    try (Response r = wire.send(request)) {
      if (r.status() != 200) {
        throw Errors.of(wire, description(), Access.PULL, ref, r,
            "manifest unknown: " + ref + " does not exist — check the repository name and "
                + (ref.digest().isPresent() ? "digest" : "tag"));
      }
      byte[] bytes = read(r);
      Digest actual = verify(bytes, r.header("Docker-Content-Digest"));
      String mediaType = Manifests.mediaType(bytes, r.header("Content-Type").orElse(""));
      return new ResolvedManifest(ref, new Descriptor(mediaType, actual, bytes.length), bytes);
    } catch (RegistryException e) {
      throw e;
    } catch (IOException e) {
      throw new Rejected(description(), 200, "unreadable manifest: " + e.getMessage());
    }
  }

  private byte[] read(Response r) throws IOException {
    try {
      return r.readBody(MAX_MANIFEST_BYTES);
    } catch (IOException e) {
      throw new Rejected(description(), 200, "manifest body unreadable or larger than 4 MiB: " + e.getMessage());
    }
  }

  private Digest verify(byte[] bytes, Optional<String> header) throws DigestMismatch {
    Optional<Digest> claimed = ref.digest().or(() -> header.flatMap(ManifestGet::parse));
    Digest expected = claimed.orElseGet(() -> Digest.sha256(bytes));
    Digest actual = expected.withHash(expected.newHasher().digest(bytes));
    if (!actual.equals(expected)) {
      throw new DigestMismatch(description(), expected, Optional.of(actual),
          "manifest content has digest " + actual + ", expected " + expected
              + " — the registry or a proxy in between served wrong data");
    }
    return actual;
  }

  private static Optional<Digest> parse(String header) {
    try {
      Digest d = Digest.parse(header.strip());
      d.newHasher();
      return Optional.of(d);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // unknown algorithm: verify with our own sha256 instead
    }
  }
}
