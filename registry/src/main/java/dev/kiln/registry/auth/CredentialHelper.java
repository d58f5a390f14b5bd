package dev.kiln.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.registry.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-credential-<name> get} with the server URL on stdin and reads {@code
 * {"Username":…,"Secret":…}} from stdout. A user name of {@code <token>} marks an identity token.
 */
public final class CredentialHelper {
  /** Built on first use: most runs never call a helper, and Jackson's set-up is slow to start. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
  private static final long TIMEOUT_SECONDS = 30;

  private final Optional<Path> directory;

  /** Helpers are found in {@code directory}, or on {@code PATH} when empty. */
  public CredentialHelper(Optional<Path> directory) {
    this.directory = directory;
  }

  public Optional<Credentials> get(String helper, String serverUrl) throws IOException {
    String program = "docker-credential-" + helper;
    String command = directory.map(d -> d.resolve(program).toString()).orElse(program);
    Process p;
    try {
      p = new ProcessBuilder(List.of(command, "get")).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new IOException("cannot run credential helper " + program + " (is it on PATH?): " + e.getMessage(), e);
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException exitedEarly) {
      // The helper did not read its input; its exit status and output say why.
    }
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int exit = waitFor(p, program);
    String stdout = new String(out, StandardCharsets.UTF_8).strip();
    if (exit != 0) {
      if (stdout.contains("credentials not found") || err.contains("credentials not found")) {
        return Optional.empty();
      }
      throw new IOException(program + " get failed for " + serverUrl + " (exit " + exit + "): "
          + (err.isEmpty() ? stdout : err));
    }
    return parse(program, stdout);
  }

  private static int waitFor(Process p, String program) throws IOException {
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(program + " did not finish within " + TIMEOUT_SECONDS + "s");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + program, e);
    }
  }

  private static Optional<Credentials> parse(String program, String stdout) throws IOException {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(stdout);
    } catch (IOException e) {
      throw new IOException(program + " printed something other than JSON credentials", e);
    }
    String user = json.path("Username").asText("");
    String secret = json.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(user.equals("<token>")
        ? new Credentials.IdentityToken(secret)
        : new Credentials.Basic(user, secret));
  }
}
