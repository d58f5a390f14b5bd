package dev.kiln.engine.executor;

/** BuildKit's {@code pb.NetMode} minus UNSET: NONE gets a private network namespace with lo. */
public enum NetworkMode {
  /** A fresh network namespace holding only the loopback interface (up). */
  NONE,
  /** The host's network namespace. */
  HOST
}
