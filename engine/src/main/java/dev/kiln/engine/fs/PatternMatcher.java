package dev.kiln.engine.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Dockerignore-style patterns (moby/patternmatcher): Go {@code filepath.Match} syntax plus {@code
 * **} across directories, {@code !} for exceptions, later patterns overriding earlier ones. A
 * path matches when it or one of its parent directories matches. Paths are relative, with {@code
 * /} separators ({@code a/b/c}). Immutable and thread-safe.
 */
public final class PatternMatcher {
  private record Rule(String text, Pattern regex, boolean exclusion) {}

  /**
   * The outcome for one path plus, per pattern, whether it matched there: passed back in for
   * that path's children so a walk tests each pattern once per path instead of once per parent.
   */
  public record Match(boolean matched, boolean[] parentMatched) {
    /** No information about a parent: the matcher checks parent directories itself. */
    public static final Match NONE = new Match(false, new boolean[0]);
  }

  private final List<Rule> rules;
  private final boolean exclusions;

  private PatternMatcher(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    this.exclusions = rules.stream().anyMatch(Rule::exclusion);
  }

  /** Compiles the patterns; a malformed one is an {@link IllegalArgumentException} naming it. */
  public static PatternMatcher of(List<String> patterns) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : patterns) {
      String p = raw.strip();
      if (p.isEmpty()) {
        continue;
      }
      boolean exclusion = p.startsWith("!");
      if (exclusion) {
        p = p.substring(1).strip();
        if (p.isEmpty()) {
          throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
        }
      }
      p = RootedResolver.clean(p).substring(1); // like filepath.Clean, minus the root anchor
      if (p.isEmpty()) {
        p = ".";
      }
      rules.add(new Rule(raw, GoGlob.compile(p, true), exclusion));
    }
    return new PatternMatcher(rules);
  }

  /** True when any pattern starts with {@code !}: an excluded directory may then not be pruned. */
  public boolean hasExclusions() {
    return exclusions;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether {@code path} or one of its parents matches (MatchesOrParentMatches). */
  public boolean matches(String path) {
    return matches(path, Match.NONE).matched();
  }

  /**
   * Matches {@code path} given its parent directory's result ({@link Match#NONE} at the top of a
   * walk). Same outcome as {@link #matches(String)}, fewer regex runs.
   */
  public Match matches(String path, Match parent) {
    boolean[] parentMatched = parent.parentMatched();
    boolean haveParent = parentMatched.length == rules.size() && !rules.isEmpty();
    boolean[] here = new boolean[rules.size()];
    boolean matched = false;
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      boolean match = haveParent && parentMatched[i];
      if (!match) {
        // An inclusion cannot change an already matched path, an exclusion an unmatched one.
        if (rule.exclusion() != matched) {
          continue;
        }
        match = rule.regex().matcher(path).matches();
        if (!match && !haveParent) {
          match = anyParentMatches(rule.regex(), path);
        }
      }
      here[i] = match;
      if (match) {
        matched = !rule.exclusion();
      }
    }
    return new Match(matched, here);
  }

  private static boolean anyParentMatches(Pattern regex, String path) {
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (regex.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return rules.stream().map(Rule::text).toList().toString();
  }
}
