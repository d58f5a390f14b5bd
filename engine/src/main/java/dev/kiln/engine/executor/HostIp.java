package dev.kiln.engine.executor;

import java.util.Objects;

/** One extra {@code /etc/hosts} line ({@code --add-host host:ip}); the ip is not validated here. */
public record HostIp(String host, String ip) {
  public HostIp {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(ip, "ip");
    if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("invalid extra host name: '" + host + "'");
    }
  }
}
