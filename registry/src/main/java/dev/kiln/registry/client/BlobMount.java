package dev.kiln.registry.client;

import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.util.List;
import java.util.Optional;

/**
 * Asks the registry to link a blob from another repository instead of uploading it. The registry
 * answers 201 (mounted) or 202 with a fresh upload session when it cannot mount (source missing,
 * no pull access to it), which the caller continues with.
 */
record BlobMount(ImageRef target, ImageRef source, Descriptor blob) {
  /** Outcome: mounted, or the upload URL the registry opened instead. */
  record Result(boolean mounted, Optional<Response> uploadSession) {}

  String description() {
    return "mount blob " + blob.digest() + " from " + source.name() + " into " + target.name();
  }

  /** Returns the 202 response (body closed, headers intact) when not mounted. */
  Result run(Wire wire) throws RegistryException {
    String path = Wire.uploadsPath(target) + "?mount=" + blob.digest() + "&from=" + source.repository();
    // POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other name>   (needs pull on <other>)
    Request request = wire.request("POST", target, Access.PUSH, path, description(),
        List.of(Access.PULL.scope(source)));
    Response r = wire.send(request);
    r.close();
    return switch (r.status()) {
      case 201 -> new Result(true, Optional.empty());
      case 202 -> new Result(false, Optional.of(r));
      default -> throw Errors.of(wire, description(), Access.PUSH, target, r,
          "repository " + target.name() + " not found");
    };
  }
}
