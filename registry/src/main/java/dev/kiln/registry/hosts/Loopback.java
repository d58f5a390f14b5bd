package dev.kiln.registry.hosts;

/** Recognises loopback registry hosts, which are reachable over plain HTTP without configuration. */
public final class Loopback {
  private Loopback() {}

  /** {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}, with or without a port. */
  public static boolean isLoopback(String hostAndPort) {
    String host = hostOnly(hostAndPort);
    if (host.equals("localhost") || host.equals("::1")) {
      return true;
    }
    String[] octets = host.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String o : octets) {
      if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) {
        return false;
      }
    }
    return true;
  }

  static String hostOnly(String hostAndPort) {
    if (hostAndPort.startsWith("[")) {
      int end = hostAndPort.indexOf(']');
      return end < 0 ? hostAndPort : hostAndPort.substring(1, end);
    }
    if (hostAndPort.indexOf(':') != hostAndPort.lastIndexOf(':')) {
      return hostAndPort; // a bare IPv6 address has no port
    }
    int colon = hostAndPort.lastIndexOf(':');
    return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
  }
}
