package dev.kiln.registry.client;

import dev.kiln.registry.Digest;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;

/** Whether a repository holds a blob; used before pushing so present blobs are not resent. */
record BlobCheck(ImageRef repo, Digest digest, Access access) {
  String description() {
    return "check blob " + digest + " in " + repo.name();
  }

  boolean run(Wire wire) throws RegistryException {
    // HEAD /v2/<name>/blobs/<digest>   → 200 present, 404 absent
    Request request = wire.request("HEAD", repo, access, Wire.blobPath(repo, digest.toString()), description());
    try (Response r = wire.send(request)) {
      return switch (r.status()) {
        case 200 -> true;
        case 404 -> false;
        default -> throw Errors.of(wire, description(), access, repo, r, "blob " + digest + " not found");
      };
    }
  }
}
