package dev.kiln.registry;

import java.io.IOException;
import java.util.Optional;

/**
 * A registry operation failed. Every subtype names the action that failed ({@link #action()}, e.g.
 * "pull manifest localhost:5000/app:1.0") and says what to do about it. Extends {@link
 * IOException} so callers streaming into their own storage handle one exception type.
 */
public abstract sealed class RegistryException extends IOException {
  private final String action;

  RegistryException(String action, String message, Throwable cause) {
    super(action + ": " + message, cause);
    this.action = action;
  }

  public String action() {
    return action;
  }

  /** 401/403: credentials missing, rejected or lacking permission. */
  public static final class Unauthorized extends RegistryException {
    private final String registry;
    private final int status;

    public Unauthorized(String action, String registry, int status, String message) {
      super(action, message, null);
      this.registry = registry;
      this.status = status;
    }

    public String registry() {
      return registry;
    }

    public int status() {
      return status;
    }
  }

  /** 404 or a registry error code such as MANIFEST_UNKNOWN / BLOB_UNKNOWN / NAME_UNKNOWN. */
  public static final class NotFound extends RegistryException {
    private final String what;

    public NotFound(String action, String what, String message) {
      super(action, message, null);
      this.what = what;
    }

    /** The reference or digest that does not exist. */
    public String what() {
      return what;
    }
  }

  /** Received bytes do not match the expected digest or size; the data was discarded. */
  public static final class DigestMismatch extends RegistryException {
    private final Digest expected;
    private final Optional<Digest> actual;

    public DigestMismatch(String action, Digest expected, Optional<Digest> actual, String message) {
      super(action, message, null);
      this.expected = expected;
      this.actual = actual;
    }

    public Digest expected() {
      return expected;
    }

    /** The digest of what was received, when the whole body was read. */
    public Optional<Digest> actual() {
      return actual;
    }
  }

  /** 5xx / 429 that persisted through all retries. */
  public static final class ServerError extends RegistryException {
    private final int status;
    private final int attempts;

    public ServerError(String action, int status, int attempts, String message) {
      super(action, message, null);
      this.status = status;
      this.attempts = attempts;
    }

    public int status() {
      return status;
    }

    public int attempts() {
      return attempts;
    }
  }

  /** The connection failed: refused, reset, timed out, TLS handshake, DNS. */
  public static final class TransportError extends RegistryException {
    private final boolean retryable;

    public TransportError(String action, String message, boolean retryable, Throwable cause) {
      super(action, message, cause);
      this.retryable = retryable;
    }

    /** Whether trying again might help (timeouts, resets), as opposed to TLS or DNS failures. */
    public boolean retryable() {
      return retryable;
    }
  }

  /**
   * Any other 4xx: the registry understood and refused the request (MANIFEST_INVALID,
   * BLOB_UPLOAD_INVALID, unsupported operation, …), or replied in a way the protocol forbids.
   */
  public static final class Rejected extends RegistryException {
    private final int status;

    public Rejected(String action, int status, String message) {
      super(action, message, null);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
