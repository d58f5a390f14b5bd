package dev.kiln.registry.hosts;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to reach one registry host — the {@code [registry."host"]} table of kilnd.toml, with
 * buildkitd.toml's keys: {@code mirrors}, {@code http} (plain HTTP), {@code insecure} (HTTPS
 * without certificate verification, plus plain-HTTP fallback, like dockerd's insecure-registries),
 * {@code ca} (extra PEM CA files) and {@code keypair} (client certificate for mTLS).
 */
public record HostConfig(
    List<String> mirrors, boolean http, boolean insecure, List<Path> ca, List<KeyPair> keypairs) {
  public static final HostConfig DEFAULT = new HostConfig(List.of(), false, false, List.of(), List.of());

  public HostConfig {
    mirrors = List.copyOf(mirrors);
    ca = List.copyOf(ca);
    keypairs = List.copyOf(keypairs);
  }

  /** A PEM private key (PKCS#8) and its PEM certificate chain. */
  public record KeyPair(Path key, Path cert) {
    public KeyPair {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(cert, "cert");
    }
  }

  /** Whether TLS needs anything beyond the JDK defaults. */
  boolean customTls() {
    return !ca.isEmpty() || !keypairs.isEmpty();
  }
}
