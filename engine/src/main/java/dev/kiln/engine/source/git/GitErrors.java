package dev.kiln.engine.source.git;

/** JGit wraps the useful message (e.g. "not authorized") a few causes deep. */
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
    return sb.isEmpty() ? e.getClass().getSimpleName() : sb.toString();
  }
}
