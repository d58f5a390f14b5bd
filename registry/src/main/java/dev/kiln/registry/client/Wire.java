package dev.kiln.registry.client;

import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.TransportError;
import dev.kiln.registry.RegistryListener;
import dev.kiln.registry.hosts.Endpoint;
import dev.kiln.registry.hosts.Endpoints;
import dev.kiln.registry.http.Backoff;
import dev.kiln.registry.http.Pipeline;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.io.IOException;
import java.util.List;

/** What every endpoint action needs: the pipeline, the endpoints, and the policies. Immutable. */
record Wire(
    Pipeline pipeline,
    Endpoints endpoints,
    CredentialProvider credentials,
    Backoff backoff,
    RegistryListener listener,
    long chunkSize) {

  Response send(Request request) throws RegistryException {
    return pipeline.execute(request);
  }

  /** A request to {@code /v2/…} of {@code repo}'s registry, mirrors first when pulling. */
  Request request(String method, ImageRef repo, Access access, String path, String action, List<String> extraScopes)
      throws RegistryException {
    List<Endpoint> eps;
    try {
      eps = access == Access.PULL ? endpoints.forPull(repo.registry()) : endpoints.forPush(repo.registry());
    } catch (IOException e) {
      throw new TransportError(action, "cannot set up the connection to " + repo.registry() + ": " + e.getMessage(), false, e);
    }
    List<String> scopes = new java.util.ArrayList<>(List.of(access.scope(repo)));
    scopes.addAll(extraScopes);
    return Request.of(method, eps, path, scopes, action);
  }

  Request request(String method, ImageRef repo, Access access, String path, String action) throws RegistryException {
    return request(method, repo, access, path, action, List.of());
  }

  /**
   * A request to {@code location} (an upload URL or next page) on the endpoint that sent {@code r}
   * — after an HTTPS→HTTP fallback that is the plain-HTTP one — with the same scopes.
   */
  static Request follow(Response r, String method, String location, String action) {
    Request sent = r.request();
    String target = sent.uri().resolve(location).toString();
    return Request.of(method, List.of(sent.endpoint()), target, sent.scopes(), action);
  }

  boolean hasCredentials(String registry) {
    try {
      return credentials.credentialsFor(registry).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  static String manifestPath(ImageRef repo, String reference) {
    return "/v2/" + repo.repository() + "/manifests/" + reference;
  }

  static String blobPath(ImageRef repo, String digest) {
    return "/v2/" + repo.repository() + "/blobs/" + digest;
  }

  static String uploadsPath(ImageRef repo) {
    return "/v2/" + repo.repository() + "/blobs/uploads/";
  }
}
