package dev.kiln.engine.exporter.push;

import dev.kiln.registry.RegistryClient;
import java.util.Set;

/** The registry client for a push; {@code insecureHosts} may be reached over plain HTTP or unverified TLS. */
@FunctionalInterface
public interface PushClients {
  RegistryClient client(Set<String> insecureHosts);
}
