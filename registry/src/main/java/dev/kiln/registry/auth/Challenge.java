package dev.kiln.registry.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge, e.g. {@code Bearer realm="https://auth.docker.io/token",
 * service="registry.docker.io",scope="repository:library/alpine:pull"}. The scheme is lower-cased;
 * parameter names are lower-cased; values are unquoted.
 */
public record Challenge(String scheme, Map<String, String> params) {
  public Challenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  public boolean isBasic() {
    return scheme.equals("basic");
  }

  /** The challenges of all header values, in order (RFC 7235 syntax, lenient about spaces). */
  public static List<Challenge> parseAll(List<String> headerValues) {
    List<Challenge> out = new ArrayList<>();
    for (String v : headerValues) {
      out.addAll(parse(v));
    }
    return out;
  }

  /** The challenges in one header value; malformed parameters are skipped, not fatal. */
  public static List<Challenge> parse(String header) {
    List<Challenge> out = new ArrayList<>();
    Lexer lx = new Lexer(header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (lx.skipSeparators()) {
      String token = lx.token();
      if (token.isEmpty()) {
        lx.pos++; // stray character
        continue;
      }
      lx.skipSpaces();
      if (lx.peek() == '=' && scheme != null) {
        lx.pos++;
        lx.skipSpaces();
        params.put(token.toLowerCase(Locale.ROOT), lx.peek() == '"' ? lx.quoted() : lx.token());
      } else {
        if (scheme != null) {
          out.add(new Challenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      out.add(new Challenge(scheme, params));
    }
    return out;
  }

  private static final class Lexer {
    final String s;
    int pos;

    Lexer(String s) {
      this.s = s;
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : 0;
    }

    /** Skips spaces and commas; false at the end. */
    boolean skipSeparators() {
      while (pos < s.length() && (s.charAt(pos) == ',' || Character.isWhitespace(s.charAt(pos)))) {
        pos++;
      }
      return pos < s.length();
    }

    void skipSpaces() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    String token() {
      int start = pos;
      while (pos < s.length() && "=, \t\"".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      return s.substring(start, pos);
    }

    String quoted() {
      StringBuilder b = new StringBuilder();
      pos++; // opening quote
      while (pos < s.length() && s.charAt(pos) != '"') {
        char c = s.charAt(pos++);
        if (c == '\\' && pos < s.length()) {
          c = s.charAt(pos++);
        }
        b.append(c);
      }
      pos++; // closing quote
      return b.toString();
    }
  }
}
