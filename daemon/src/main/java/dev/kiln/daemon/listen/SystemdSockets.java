package dev.kiln.daemon.listen;

import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.channel.unix.Socket;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sockets passed by systemd socket activation: {@code LISTEN_FDS} descriptors from fd 3, meant for
 * this process when {@code LISTEN_PID} is its pid (sd_listen_fds(3)).
 */
final class SystemdSockets {
  private static final int FIRST_FD = 3;
  private static final int F_GETFL = 3;
  private static final int F_SETFL = 4;
  private static final int O_NONBLOCK = 04000;
  private static final int SOL_SOCKET = 1;
  private static final int SO_DOMAIN = 39;
  private static final int AF_UNIX = 1;

  /** One passed socket: its descriptor, its address and whether it is a unix-domain socket. */
  record Inherited(int fd, SocketAddress address, boolean unixDomain) {}

  private SystemdSockets() {}

  /** @throws IllegalStateException when systemd passed nothing to this process */
  static List<Inherited> take(Map<String, String> env, long pid) {
    String count = env.get("LISTEN_FDS");
    if (count == null || !String.valueOf(pid).equals(env.get("LISTEN_PID"))) {
      throw new IllegalStateException("fd:// needs sockets from systemd (LISTEN_FDS and LISTEN_PID unset or for another process)");
    }
    io.grpc.netty.shaded.io.netty.channel.epoll.Epoll.ensureAvailability(); // loads Netty's native library
    List<Inherited> sockets = new ArrayList<>();
    for (int fd = FIRST_FD; fd < FIRST_FD + Integer.parseInt(count.trim()); fd++) {
      nonBlocking(fd); // systemd passes blocking sockets; an epoll loop must never block in accept
      Socket socket = new Socket(fd);
      if (domain(fd) == AF_UNIX) {
        DomainSocketAddress unix = socket.localDomainSocketAddress();
        sockets.add(new Inherited(fd, unix != null ? unix : new DomainSocketAddress("fd" + fd), true));
      } else {
        sockets.add(new Inherited(fd, socket.localAddress(), false));
      }
    }
    return sockets;
  }

  /** getsockopt(fd, SOL_SOCKET, SO_DOMAIN): the socket's address family. */
  private static int domain(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      Linker linker = Linker.nativeLinker();
      MethodHandle getsockopt = linker.downcallHandle(linker.defaultLookup().find("getsockopt").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
      MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, 4);
      if ((int) getsockopt.invokeExact(fd, SOL_SOCKET, SO_DOMAIN, value, length) != 0) {
        throw new IllegalStateException("fd " + fd + " from systemd is not a socket");
      }
      return value.get(ValueLayout.JAVA_INT, 0);
    } catch (IllegalStateException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot inspect fd " + fd + ": " + e, e);
    }
  }

  private static void nonBlocking(int fd) {
    try {
      Linker linker = Linker.nativeLinker();
      MethodHandle fcntl = linker.downcallHandle(linker.defaultLookup().find("fcntl").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
          Linker.Option.firstVariadicArg(2));
      int flags = (int) fcntl.invokeExact(fd, F_GETFL, 0);
      if (flags < 0 || (int) fcntl.invokeExact(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        throw new IllegalStateException("fd " + fd + " from systemd is not usable (fcntl failed)");
      }
    } catch (Throwable e) {
      if (e instanceof IllegalStateException ise) throw ise;
      throw new IllegalStateException("cannot make fd " + fd + " non-blocking: " + e, e);
    }
  }
}
