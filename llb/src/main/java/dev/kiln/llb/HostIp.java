package dev.kiln.llb;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An {@code /etc/hosts} entry added to an exec. */
public record HostIp(String host, InetAddress ip) {

  /** Parses a literal IPv4/IPv6 address; never resolves names. */
  public static HostIp of(String host, String ipLiteral) {
    if (!ipLiteral.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("invalid IP address '" + ipLiteral + "' for host " + host);
    }
    try {
      return new HostIp(host, InetAddress.getByName(ipLiteral));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("invalid IP address '" + ipLiteral + "' for host " + host, e);
    }
  }

  /** The address in canonical text form (RFC 5952 for IPv6), as BuildKit prints it. */
  public String ipText() {
    if (!(ip instanceof Inet6Address)) {
      return ip.getHostAddress();
    }
    byte[] b = ip.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }
}
