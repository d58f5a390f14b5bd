package dev.kiln.registry.client;

import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.util.Optional;

/**
 * Asks for a manifest's descriptor without its body. Empty when the registry leaves out {@code
 * Docker-Content-Digest} or the media type (some do); the caller then GETs.
 */
record ManifestHead(ImageRef ref) {
  String description() {
    return "resolve " + ref;
  }

  Optional<Descriptor> run(Wire wire) throws RegistryException {
    // HEAD /v2/<name>/manifests/<tag|digest>   Accept: <all manifest types>
    Request request = wire.request("HEAD", ref, Access.PULL, Wire.manifestPath(ref, ref.reference()), description())
        .withHeader("Accept", String.join(", ", MediaTypes.MANIFESTS));
    try (Response r = wire.send(request)) {
      if ((r.status() == 401 || r.status() == 403 || r.status() == 404)) {
        throw Errors.of(wire, description(), Access.PULL, ref, r,
            "manifest unknown: " + ref + " does not exist — check the repository name and tag");
      }
      if (r.status() != 200) {
        return Optional.empty(); // e.g. 405: some registries do not do HEAD; GET will tell
      }
      Optional<String> digest = r.header("Docker-Content-Digest");
      Optional<String> type = r.header("Content-Type").map(t -> t.split(";")[0].strip())
          .filter(MediaTypes.MANIFESTS::contains);
      Optional<Long> size = r.header("Content-Length").map(Long::parseLong);
      if (digest.isEmpty() || type.isEmpty() || size.isEmpty()) {
        return Optional.empty();
      }
      Digest d = Digest.parse(digest.get().strip());
      if (ref.digest().isPresent() && !ref.digest().get().equals(d)) {
        return Optional.empty(); // let GET verify the content
      }
      return Optional.of(new Descriptor(type.get(), d, size.get()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
