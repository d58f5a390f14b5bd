package dev.kiln.llb;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-separated path helpers with Go {@code path.Clean}/{@code path.Join} semantics (used by frontends too). */
public final class Paths {
  private Paths() {}

  public static boolean isAbs(String p) {
    return p.startsWith("/");
  }

  /** Lexically cleans a path: no duplicate or trailing slashes, no {@code .}, resolved {@code ..}. */
  public static String clean(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean rooted = p.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Joins non-empty elements with {@code /} and cleans the result; empty if all are empty. */
  public static String join(String... elems) {
    StringBuilder sb = new StringBuilder();
    for (String e : elems) {
      if (e.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(e);
    }
    return sb.length() == 0 ? "" : clean(sb.toString());
  }
}
