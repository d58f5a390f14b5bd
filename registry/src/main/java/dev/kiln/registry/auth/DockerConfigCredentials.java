package dev.kiln.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from docker's {@code config.json}, looked up as the docker CLI does: {@code
 * credHelpers[host]}, else {@code credsStore}, else {@code auths} ({@code auth} = base64
 * "user:password", or {@code username}/{@code password}, {@code identitytoken}, {@code
 * registrytoken}). The file is re-read on every lookup, so a {@code docker login} during a build
 * counts. Thread-safe.
 */
public final class DockerConfigCredentials implements CredentialProvider {
  /** Built on first lookup: Jackson's set-up costs tens of milliseconds at every start otherwise. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static final String HUB_SERVER_URL = "https://index.docker.io/v1/";

  private final Path configFile;
  private final CredentialHelper helpers;

  public DockerConfigCredentials(Path configFile, CredentialHelper helpers) {
    this.configFile = configFile;
    this.helpers = helpers;
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; helpers from PATH. */
  public static DockerConfigCredentials fromEnvironment() {
    return locate(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  public static DockerConfigCredentials locate(Map<String, String> env, Path home) {
    String dir = env.get("DOCKER_CONFIG");
    Path base = dir == null || dir.isEmpty() ? home.resolve(".docker") : Path.of(dir);
    return new DockerConfigCredentials(base.resolve("config.json"), new CredentialHelper(Optional.empty()));
  }

  public Path configFile() {
    return configFile;
  }

  @Override
  public Optional<Credentials> credentialsFor(String host) throws IOException {
    if (!Files.isRegularFile(configFile)) {
      return Optional.empty();
    }
    JsonNode config;
    try {
      config = Json.MAPPER.readTree(Files.readAllBytes(configFile));
    } catch (IOException e) {
      throw new IOException("cannot parse " + configFile + ": " + e.getMessage(), e);
    }
    String key = normalize(host);
    Optional<String> helper = helperFor(config, key);
    if (helper.isPresent()) {
      return helpers.get(helper.get(), key.equals("docker.io") ? HUB_SERVER_URL : key);
    }
    return fromAuths(config.path("auths"), key);
  }

  private static Optional<String> helperFor(JsonNode config, String key) {
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("credHelpers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (normalize(e.getKey()).equals(key) && !e.getValue().asText("").isEmpty()) {
        return Optional.of(e.getValue().asText());
      }
    }
    String store = config.path("credsStore").asText("");
    return store.isEmpty() ? Optional.empty() : Optional.of(store);
  }

  private Optional<Credentials> fromAuths(JsonNode auths, String key) throws IOException {
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (normalize(e.getKey()).equals(key)) {
        return entry(e.getKey(), e.getValue());
      }
    }
    return Optional.empty();
  }

  private Optional<Credentials> entry(String name, JsonNode a) throws IOException {
    String identity = a.path("identitytoken").asText("");
    if (!identity.isEmpty()) {
      return Optional.of(new Credentials.IdentityToken(identity));
    }
    String registryToken = a.path("registrytoken").asText("");
    if (!registryToken.isEmpty()) {
      return Optional.of(new Credentials.RegistryToken(registryToken));
    }
    String auth = a.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException(configFile + ": auths.\"" + name + "\".auth is not base64", e);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IOException(configFile + ": auths.\"" + name + "\".auth is not base64 of user:password");
      }
      return Optional.of(new Credentials.Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    String user = a.path("username").asText("");
    String password = a.path("password").asText("");
    return user.isEmpty() && password.isEmpty() ? Optional.empty() : Optional.of(new Credentials.Basic(user, password));
  }

  /** {@code https://index.docker.io/v1/} → {@code docker.io}; {@code http://host:5000/} → {@code host:5000}. */
  static String normalize(String key) {
    String k = key.strip().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = k.indexOf('/');
    if (slash >= 0) {
      k = k.substring(0, slash);
    }
    return switch (k) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> k;
    };
  }
}
