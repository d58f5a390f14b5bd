package dev.kiln.engine.fs;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code filepath.Match} syntax compiled to a {@link Pattern}: {@code *} is any run of
 * non-separator characters, {@code ?} one non-separator character, {@code [^a-z]} a class, {@code
 * \} escapes. With {@code doubleStar}, {@code **} also matches across separators
 * (moby/patternmatcher's extension).
 */
final class GoGlob {
  private GoGlob() {}

  static boolean hasWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** Compiles {@code glob}; a malformed pattern is an {@link IllegalArgumentException}. */
  static Pattern compile(String glob, boolean doubleStar) {
    StringBuilder re = new StringBuilder("^");
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i++);
      switch (c) {
        case '*' -> {
          if (doubleStar && i < glob.length() && glob.charAt(i) == '*') {
            i++;
            if (i < glob.length() && glob.charAt(i) == '/') {
              i++;
            }
            re.append(i == glob.length() ? ".*" : "(.*/)?");
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> i = charClass(glob, i, re);
        case '\\' -> {
          if (i == glob.length()) {
            throw bad(glob, "trailing backslash");
          }
          literal(glob.charAt(i++), re);
        }
        default -> literal(c, re);
      }
    }
    try {
      return Pattern.compile(re.append('$').toString(), Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw bad(glob, e.getDescription());
    }
  }

  /** Translates the class starting after '[' at {@code i}; returns the index after ']'. */
  private static int charClass(String glob, int i, StringBuilder re) {
    re.append('[');
    if (i < glob.length() && glob.charAt(i) == '^') {
      re.append('^');
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i >= glob.length()) {
        throw bad(glob, "unclosed character class");
      }
      if (glob.charAt(i) == ']' && ranges > 0) {
        re.append(']');
        return i + 1;
      }
      int[] lo = escapedChar(glob, i);
      i = lo[1];
      re.append(hex(lo[0]));
      if (i < glob.length() && glob.charAt(i) == '-') {
        int[] hi = escapedChar(glob, i + 1);
        i = hi[1];
        if (hi[0] < lo[0]) {
          throw bad(glob, "reversed range");
        }
        re.append('-').append(hex(hi[0]));
      }
      ranges++;
    }
  }

  /** Go's getEsc: one possibly escaped class character; '-' and ']' are not allowed bare. */
  private static int[] escapedChar(String glob, int i) {
    if (i >= glob.length() || glob.charAt(i) == '-' || glob.charAt(i) == ']') {
      throw bad(glob, "bad character class");
    }
    if (glob.charAt(i) == '\\') {
      i++;
      if (i >= glob.length()) {
        throw bad(glob, "trailing backslash");
      }
    }
    int cp = glob.codePointAt(i);
    return new int[] {cp, i + Character.charCount(cp)};
  }

  private static void literal(char c, StringBuilder re) {
    if (Character.isLetterOrDigit(c) || c == '/' || c == '_') {
      re.append(c);
    } else {
      re.append(hex(c));
    }
  }

  private static String hex(int cp) {
    return "\\x{" + Integer.toHexString(cp) + "}";
  }

  private static IllegalArgumentException bad(String glob, String why) {
    return new IllegalArgumentException("syntax error in pattern " + glob + ": " + why);
  }
}
