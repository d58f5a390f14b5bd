package dev.kiln.daemon.listen;

import java.net.URI;
import java.nio.file.Path;

/** One {@code --addr} of kilnd: {@code unix:///PATH}, {@code tcp://HOST:PORT} or {@code fd://} (systemd). */
public sealed interface ListenAddress {
  record Unix(Path socket) implements ListenAddress {}

  record Tcp(String host, int port) implements ListenAddress {}

  /** The sockets systemd passed (LISTEN_FDS); {@code fd://} alone takes them all. */
  record Fd() implements ListenAddress {}

  /** @throws IllegalArgumentException naming the address and the forms accepted */
  static ListenAddress parse(String addr) {
    if (addr.equals("fd://") || addr.equals("fd:")) return new Fd(); // URI wants an authority after "//"
    URI uri;
    try {
      uri = URI.create(addr);
    } catch (IllegalArgumentException e) {
      throw unsupported(addr);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    return switch (scheme) {
      case "unix" -> {
        if (uri.getPath() == null || uri.getPath().isEmpty()) throw unsupported(addr);
        yield new Unix(Path.of(uri.getPath()));
      }
      case "tcp" -> {
        if (uri.getHost() == null || uri.getPort() < 0) throw unsupported(addr);
        yield new Tcp(uri.getHost(), uri.getPort());
      }
      default -> throw unsupported(addr);
    };
  }

  private static IllegalArgumentException unsupported(String addr) {
    return new IllegalArgumentException(
        "unsupported address '" + addr + "': use unix:///PATH, tcp://HOST:PORT or fd://");
  }

  /** {@code unix:///run/kiln/kilnd.sock} for root, else under {@code $XDG_RUNTIME_DIR} (or /tmp). */
  static String defaultAddress() {
    if ("root".equals(System.getProperty("user.name"))) return "unix:///run/kiln/kilnd.sock";
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    return "unix://" + (runtime != null && !runtime.isEmpty() ? runtime : "/tmp") + "/kiln/kilnd.sock";
  }
}
