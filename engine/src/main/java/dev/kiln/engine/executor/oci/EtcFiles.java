package dev.kiln.engine.executor.oci;

import dev.kiln.engine.executor.HostIp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code /etc/hosts} and {@code /etc/resolv.conf} a container sees: generated per run and
 * bind-mounted read-only, so the rootfs' own files are neither used nor changed.
 */
public final class EtcFiles {
  private static final CachedFile HOST_RESOLV_CONF = new CachedFile(Path.of("/etc/resolv.conf"));

  private EtcFiles() {}

  /** BuildKit's layout: loopback names first (with the hostname), then the extra hosts in order. */
  public static String hosts(String hostname, List<HostIp> extraHosts) {
    StringBuilder b = new StringBuilder();
    b.append("127.0.0.1\tlocalhost ").append(hostname).append('\n');
    b.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
    for (HostIp h : extraHosts) {
      b.append(h.ip()).append('\t').append(h.host()).append('\n');
    }
    return b.toString();
  }

  /**
   * The host's resolv.conf, copied (not bind-mounted) so a host-side rewrite during the run cannot
   * leak in half-written. With network NONE it is still provided, as BuildKit does: tools read it
   * even when they cannot reach a server. Empty when the host has none.
   */
  public static String resolvConf() throws IOException {
    return HOST_RESOLV_CONF.text();
  }
}
