package dev.kiln.registry.client;

import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.DigestMismatch;
import dev.kiln.registry.http.Body;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.util.Optional;

/** Stores a manifest or index under a tag or its digest; the bytes are sent exactly as given. */
record ManifestPut(ImageRef ref, String mediaType, byte[] bytes) {
  String description() {
    return "push manifest " + ref;
  }

  Descriptor run(Wire wire) throws RegistryException {
    Descriptor descriptor = Descriptor.of(mediaType, bytes);
    // PUT /v2/<name>/manifests/<tag|digest>   Content-Type: <manifest media type>
    Request request = wire.request("PUT", ref, Access.PUSH, Wire.manifestPath(ref, ref.reference()), description())
        .withBody(Body.of(mediaType, bytes));
    try (Response r = wire.send(request)) {
      if (r.status() != 201 && r.status() != 200) {
        throw Errors.of(wire, description(), Access.PUSH, ref, r,
            "repository " + ref.name() + " or a blob the manifest references is missing — push the blobs first");
      }
      Optional<String> stored = r.header("Docker-Content-Digest").map(String::strip);
      if (stored.isPresent() && !stored.get().equals(descriptor.digest().toString())) {
        throw new DigestMismatch(description(), descriptor.digest(), Optional.empty(),
            "registry stored the manifest as " + stored.get() + ", expected " + descriptor.digest()
                + " — it rewrote the manifest (old registries convert schema 2 to schema 1)");
      }
      return descriptor;
    }
  }
}
