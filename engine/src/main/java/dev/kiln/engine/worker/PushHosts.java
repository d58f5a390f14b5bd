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

  static DistributionClient client(HostsConfig configured, Set<String> insecureHosts) {
    Map<String, HostConfig> hosts = new HashMap<>(configured.hosts());
    for (String host : insecureHosts) {
      HostConfig c = configured.forHost(host);
      hosts.put(host, new HostConfig(c.mirrors(), true, true, c.ca(), c.keypairs()));
    }
    return DistributionClient.builder().hosts(new HostsConfig(hosts)).build();
  }
}
