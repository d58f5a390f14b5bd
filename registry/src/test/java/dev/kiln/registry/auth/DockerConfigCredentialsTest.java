package dev.kiln.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.registry.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  @TempDir Path home;

  private DockerConfigCredentials write(String json) throws IOException {
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), json);
    return DockerConfigCredentials.locate(Map.of(), home);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsBase64AuthAndNormalisesKeys() throws IOException {
    var creds = write("{\"auths\":{"
        + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hubuser:hub:pass") + "\"},"
        + "\"http://localhost:5000/\":{\"username\":\"u\",\"password\":\"p\"},"
        + "\"ghcr.io\":{\"identitytoken\":\"refresh-me\"}}}");
    assertThat(creds.credentialsFor("docker.io")).contains(new Credentials.Basic("hubuser", "hub:pass"));
    assertThat(creds.credentialsFor("localhost:5000")).contains(new Credentials.Basic("u", "p"));
    assertThat(creds.credentialsFor("ghcr.io")).contains(new Credentials.IdentityToken("refresh-me"));
    assertThat(creds.credentialsFor("quay.io")).isEmpty();
  }

  @Test
  void missingFileMeansAnonymous() throws IOException {
    assertThat(DockerConfigCredentials.locate(Map.of(), home).credentialsFor("docker.io")).isEmpty();
  }

  @Test
  void dockerConfigEnvironmentVariableWins() throws IOException {
    Path dir = Files.createDirectories(home.resolve("elsewhere"));
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"r.io\":{\"auth\":\"" + b64("a:b") + "\"}}}");
    var creds = DockerConfigCredentials.locate(Map.of("DOCKER_CONFIG", dir.toString()), home);
    assertThat(creds.configFile()).isEqualTo(dir.resolve("config.json"));
    assertThat(creds.credentialsFor("r.io")).contains(new Credentials.Basic("a", "b"));
  }

  @Test
  void badAuthFieldNamesTheFileAndEntry() throws IOException {
    var creds = write("{\"auths\":{\"r.io\":{\"auth\":\"!!!\"}}}");
    assertThatThrownBy(() -> creds.credentialsFor("r.io"))
        .hasMessageContaining("config.json").hasMessageContaining("auths.\"r.io\".auth");
  }

  @Test
  void credentialHelpersGetTheHostOnStdin() throws IOException {
    Path bin = helper("fake", """
        read host
        if [ "$host" = "https://index.docker.io/v1/" ]; then
          echo '{"ServerURL":"'$host'","Username":"hub","Secret":"s3cret"}'
        elif [ "$host" = "r.io" ]; then
          echo '{"ServerURL":"r.io","Username":"<token>","Secret":"idtoken"}'
        else
          echo "credentials not found in native keychain"; exit 1
        fi
        """);
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"),
        "{\"credsStore\":\"fake\",\"auths\":{\"other.io\":{}}}");
    var creds = new DockerConfigCredentials(home.resolve(".docker/config.json"), new CredentialHelper(Optional.of(bin)));
    assertThat(creds.credentialsFor("docker.io")).contains(new Credentials.Basic("hub", "s3cret"));
    assertThat(creds.credentialsFor("r.io")).contains(new Credentials.IdentityToken("idtoken"));
    assertThat(creds.credentialsFor("other.io")).isEmpty();
  }

  @Test
  void perHostHelperOverridesStoreAndFailuresAreReported() throws IOException {
    Path bin = helper("store", "echo '{\"Username\":\"from-store\",\"Secret\":\"x\"}'");
    helper("broken", "echo 'boom' >&2; exit 3");
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"),
        "{\"credsStore\":\"store\",\"credHelpers\":{\"broken.io\":\"broken\"}}");
    var creds = new DockerConfigCredentials(home.resolve(".docker/config.json"), new CredentialHelper(Optional.of(bin)));
    assertThat(creds.credentialsFor("any.io")).contains(new Credentials.Basic("from-store", "x"));
    assertThatThrownBy(() -> creds.credentialsFor("broken.io"))
        .hasMessageContaining("docker-credential-broken get failed").hasMessageContaining("boom");
  }

  @Test
  void secretsStayOutOfToString() {
    assertThat(new Credentials.Basic("u", "hunter2").toString()).doesNotContain("hunter2");
  }

  private Path helper(String name, String script) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path f = bin.resolve("docker-credential-" + name);
    Files.writeString(f, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }
}
