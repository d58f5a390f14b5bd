package dev.kiln.engine.worker;

import dev.kiln.registry.client.DistributionClient;
import dev.kiln.registry.hosts.HostConfig;
import dev.kiln.registry.hosts.HostsConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code registry.insecure=true}: a client for which the pushed-to hosts allow plain HTTP and unverified TLS. */
final class PushHosts {
  private PushHosts() {}

  /** @param credentials the same credentials as the secure client (the clients' sessions in kilnd) */
  static DistributionClient client(HostsConfig configured, Set<String> insecureHosts,
      java.util.Optional<dev.kiln.registry.CredentialProvider> credentials) {
    Map<String, HostConfig> hosts = new HashMap<>(configured.hosts());
    for (String host : insecureHosts) {
      HostConfig c = configured.forHost(host);
      hosts.put(host, new HostConfig(c.mirrors(), true, true, c.ca(), c.keypairs()));
    }
    DistributionClient.Builder builder = DistributionClient.builder().hosts(new HostsConfig(hosts));
    credentials.ifPresent(builder::credentials);
    return builder.build();
  }
}
