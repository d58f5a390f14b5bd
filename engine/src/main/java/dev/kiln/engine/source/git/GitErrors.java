package dev.kiln.engine.source.git;

/**
 * JGit wraps the useful message (e.g. "not authorized") a few causes deep; an ssh host key
 * rejection also says what to do about it.
 */
final class GitErrors {
  private GitErrors() {}

  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
        if (!sb.isEmpty()) sb.append(": ");
        sb.append(m);
      }
    }
    if (sb.indexOf("Server key did not validate") >= 0) {
      sb.append(" (the server's host key is unknown or changed: give the known_hosts line with"
          + " git.knownsshhosts, or add it to the daemon user's ~/.ssh/known_hosts)");
    }
    return sb.isEmpty() ? e.getClass().getSimpleName() : sb.toString();
  }
}
