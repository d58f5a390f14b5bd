package dev.kiln.cli.client;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * One event loop for the channels of a process, on a daemon thread, started by the first channel
 * and stopped when the last is released: its thread waits in epoll_wait, native code, and a JVM
 * that exits with such a thread waits 300 ms for it.
 */
final class ClientLoop {
  private final String threadPrefix;
  private EventLoopGroup group;
  /** Channels that acquired the loop and have not released it. */
  private int users;

  ClientLoop(String threadPrefix) {
    this.threadPrefix = threadPrefix;
  }

  synchronized EventLoopGroup acquire() {
    users++;
    if (group == null) {
      group = new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().daemon().name(threadPrefix, 0).factory(),
          EpollIoHandler.newFactory());
    }
    return group;
  }

  /** One channel is shut down; after the last, the loop's thread has ended when this returns. */
  void release() {
    EventLoopGroup stopping = null;
    synchronized (this) {
      if (users > 0 && --users == 0) {
        stopping = group;
        group = null;
      }
    }
    if (stopping != null) stopping.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
  }
}
