package dev.kiln.cli.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code --secret id=ID,src=PATH} or {@code id=ID,env=VAR}, read once when the build starts. */
public record SecretSpec(String id, Path src, String env) {
  public static SecretSpec parse(String csv) {
    Map<String, String> f = Csv.pairs(csv, "--secret");
    String src = f.containsKey("src") ? f.get("src") : f.get("source");
    String env = f.get("env");
    String id = f.get("id");
    if (id == null && src != null) id = Path.of(src).getFileName().toString();
    if (id == null && env != null) id = env;
    if (id == null || id.isEmpty()) throw new IllegalArgumentException("--secret '" + csv + "' needs id=ID");
    if (src == null && env == null) env = id; // buildctl: a bare id reads the variable of that name
    return new SecretSpec(id, src == null ? null : Path.of(src), env);
  }

  /** The secret's bytes; a missing file or variable is an error naming it. */
  public byte[] read() throws IOException {
    if (src != null) {
      return Files.readAllBytes(src);
    }
    String value = System.getenv(env);
    if (value == null) throw new IOException("secret '" + id + "': environment variable " + env + " is not set");
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
