package dev.kiln.session.fsutil;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a DiffCopy sender sends: dockerignore-style include and exclude patterns ({@code *}, {@code
 * ?}, {@code **}, {@code [..]}, {@code !} exceptions, later patterns win, a path matches when it
 * or a parent does) and follow-paths (the listed paths, their parents and everything under them).
 * A small, dependency-free copy of the engine's matcher: the session module must not depend on the
 * engine, and the engine filters again on receipt, so this only has to send a superset.
 */
public final class PathFilter {
  public static final PathFilter ALL = new PathFilter(List.of(), List.of(), List.of());

  private record Rule(Pattern regex, boolean negated) {}

  private final List<Rule> includes;
  private final List<Rule> excludes;
  private final List<String> followPaths;

  private PathFilter(List<Rule> includes, List<Rule> excludes, List<String> followPaths) {
    this.includes = includes;
    this.excludes = excludes;
    this.followPaths = followPaths;
  }

  public static PathFilter of(List<String> includePatterns, List<String> excludePatterns, List<String> followPaths) {
    List<String> follow = followPaths.stream().map(PathFilter::clean).filter(p -> !p.isEmpty()).toList();
    return new PathFilter(rules(includePatterns), rules(excludePatterns), follow);
  }

  /** Whether a walk should descend into directory {@code dir}: something below it may be sent. */
  public boolean mayContain(String dir) {
    if (!excludes.isEmpty() && excluded(dir) && excludes.stream().noneMatch(Rule::negated)) {
      return false;
    }
    boolean followOk = followPaths.isEmpty()
        || followPaths.stream().anyMatch(f -> f.startsWith(dir + "/") || under(dir, f));
    return followOk; // include patterns can match deep below anything; test them per entry
  }

  /** Whether {@code path} itself is sent (directories are also sent as parents of sent entries). */
  public boolean accepts(String path) {
    if (!followPaths.isEmpty() && followPaths.stream().noneMatch(f -> under(path, f))) {
      return false;
    }
    if (!includes.isEmpty() && !matches(includes, path)) {
      return false;
    }
    return !excluded(path);
  }

  private boolean excluded(String path) {
    return matches(excludes, path);
  }

  private static boolean under(String path, String root) {
    return path.equals(root) || path.startsWith(root + "/");
  }

  private static boolean matches(List<Rule> rules, String path) {
    boolean matched = false;
    for (Rule rule : rules) {
      if (rule.negated() != matched) {
        continue; // an exception cannot change an unmatched path, a pattern a matched one
      }
      if (matchesOrParent(rule.regex(), path)) {
        matched = !rule.negated();
      }
    }
    return matched;
  }

  private static boolean matchesOrParent(Pattern regex, String path) {
    if (regex.matcher(path).matches()) {
      return true;
    }
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (regex.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Rule> rules(List<String> patterns) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : patterns) {
      String p = raw.strip();
      boolean negated = p.startsWith("!");
      p = clean(negated ? p.substring(1).strip() : p);
      if (!p.isEmpty()) {
        rules.add(new Rule(Pattern.compile(toRegex(p)), negated));
      }
    }
    return List.copyOf(rules);
  }

  /** Strips leading {@code /} and {@code ./}, trailing {@code /}, and {@code .} segments. */
  static String clean(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            boolean slash = i + 1 < glob.length() && glob.charAt(i + 1) == '/';
            if (slash) i++;
            re.append(slash ? "(.*/)?" : ".*");
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            re.append("\\[");
          } else {
            String set = glob.substring(i + 1, end).replace("\\", "\\\\");
            re.append('[').append(set.startsWith("^") || set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
            i = end;
          }
        }
        case '\\' -> {
          if (i + 1 < glob.length()) re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
