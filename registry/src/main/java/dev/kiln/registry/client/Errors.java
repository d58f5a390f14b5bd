package dev.kiln.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.NotFound;
import dev.kiln.registry.RegistryException.Rejected;
import dev.kiln.registry.RegistryException.ServerError;
import dev.kiln.registry.RegistryException.Unauthorized;
import dev.kiln.registry.http.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an unexpected response into the exception a person can act on, using the registry's
 * {@code {"errors":[{"code":…,"message":…}]}} body when there is one. Closes the response.
 */
final class Errors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Errors() {}

  static RegistryException of(Wire wire, String action, Access access, ImageRef repo, Response r, String notFound) {
    String detail = detail(r);
    String registry = repo.registry();
    return switch (r.status()) {
      case 401 -> new Unauthorized(action, registry, 401, access.verb() + " access denied for " + repo.name() + ": "
          + (wire.hasCredentials(registry)
              ? "the credentials for " + registry + " were not accepted — run `docker login " + registry + "` to refresh them"
              : "authentication required — run `docker login " + registry + "` or add credentials to ~/.docker/config.json"));
      case 403 -> new Unauthorized(action, registry, 403, access.verb() + " access denied for " + repo.name()
          + (detail.isEmpty() ? "" : ": " + detail) + " — the account used for " + registry
          + " lacks " + access.verb() + " permission on " + repo.repository());
      case 404 -> new NotFound(action, repo.toString(), notFound + (detail.isEmpty() ? "" : " (" + detail + ")"));
      default -> r.status() >= 500
          ? new ServerError(action, r.status(), 1, "registry answered " + r.status() + (detail.isEmpty() ? "" : ": " + detail))
          : new Rejected(action, r.status(), "registry refused the request with " + r.status() + (detail.isEmpty() ? "" : ": " + detail));
    };
  }

  /** "CODE: message; CODE: message" from an error body, else the raw text (without a HEAD body, empty). */
  static String detail(Response r) {
    String body = r.bodySnippet();
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      List<String> parts = new ArrayList<>();
      for (JsonNode e : errors) {
        parts.add(e.path("code").asText("") + ": " + e.path("message").asText(""));
      }
      if (!parts.isEmpty()) {
        return String.join("; ", parts);
      }
    } catch (Exception notJson) {
      // fall through to the raw text
    }
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
