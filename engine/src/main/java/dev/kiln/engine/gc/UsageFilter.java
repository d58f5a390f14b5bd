package dev.kiln.engine.gc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * BuildKit's record filters ({@code buildctl du --filter}, {@code prune --filter}, policy {@code
 * filters}). Separate strings are alternatives; inside one string, comma-separated terms on
 * different fields must all hold and terms on the same field are alternatives (so both {@code
 * type==a,type==b} and {@code ["type==a", "type==b"]} mean either type). Fields: {@code id},
 * {@code type}, {@code description}, {@code parents}, with {@code ==}/{@code =}, {@code !=} or
 * {@code ~=} (regular expression); the flags {@code inuse}, {@code mutable}, {@code immutable},
 * {@code shared}, {@code private}; and {@code unused-for=DURATION} / {@code until=DURATION}
 * (not used for at least that long; {@code 48h}, {@code 30m}, {@code 1h30m}, {@code 90s}).
 */
public final class UsageFilter {
  private static final Pattern TERM = Pattern.compile("([a-zA-Z.-]+)\\s*(==|!=|~=|=)?\\s*(.*)");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  private final List<List<List<Predicate<UsageRecord>>>> alternatives;

  private UsageFilter(List<List<List<Predicate<UsageRecord>>>> alternatives) {
    this.alternatives = alternatives;
  }

  /**
   * Parses {@code filters}; age terms are measured from {@code now}.
   *
   * @throws IllegalArgumentException naming the bad term
   */
  public static UsageFilter parse(List<String> filters, Instant now) {
    List<List<List<Predicate<UsageRecord>>>> out = new ArrayList<>();
    for (String f : filters) {
      if (f.isBlank()) continue;
      Map<String, List<Predicate<UsageRecord>>> byField = new LinkedHashMap<>();
      for (String term : f.split(",")) {
        if (term.isBlank()) continue;
        Matcher m = TERM.matcher(term.trim());
        if (!m.matches()) throw new IllegalArgumentException("invalid filter '" + term + "'");
        String field = m.group(1).toLowerCase();
        byField.computeIfAbsent(field, k -> new ArrayList<>()).add(term(field, m.group(2), m.group(3), now, term));
      }
      out.add(List.copyOf(byField.values()));
    }
    return new UsageFilter(out);
  }

  public boolean matches(UsageRecord r) {
    if (alternatives.isEmpty()) return true;
    for (var fields : alternatives) {
      if (fields.stream().allMatch(any -> any.stream().anyMatch(p -> p.test(r)))) return true;
    }
    return false;
  }

  private static Predicate<UsageRecord> term(String field, String op, String value, Instant now, String term) {
    if (op == null) {
      return switch (field) {
        case "inuse" -> UsageRecord::inUse;
        case "mutable" -> UsageRecord::mutable;
        case "immutable" -> r -> !r.mutable();
        case "shared" -> UsageRecord::shared;
        case "private" -> r -> !r.shared();
        default -> throw new IllegalArgumentException("invalid filter '" + term
            + "': use FIELD==VALUE (id, type, description, parents), unused-for=DURATION or inuse/mutable/immutable/shared/private");
      };
    }
    return switch (field) {
      case "unused-for", "until" -> {
        Instant cutoff = now.minus(duration(value, term));
        yield r -> r.lastActivity().isBefore(cutoff);
      }
      case "id" -> compare(op, value, term, r -> List.of(r.id()));
      case "type", "recordtype" -> compare(op, value, term, r -> List.of(r.recordType().wireName()));
      case "description" -> compare(op, value, term, r -> List.of(r.description()));
      case "parents", "parent" -> compare(op, value, term, UsageRecord::parents);
      default -> throw new IllegalArgumentException("invalid filter '" + term + "': unknown field '" + field + "'");
    };
  }

  private static Predicate<UsageRecord> compare(String op, String value, String term,
      java.util.function.Function<UsageRecord, List<String>> field) {
    return switch (op) {
      case "==", "=" -> r -> field.apply(r).contains(value);
      case "!=" -> r -> !field.apply(r).contains(value);
      default -> {
        Pattern p;
        try {
          p = Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("invalid filter '" + term + "': " + e.getDescription());
        }
        yield r -> field.apply(r).stream().anyMatch(v -> v != null && p.matcher(v).find());
      }
    };
  }

  /** Go's duration syntax, the subset buildctl users write: {@code 48h}, {@code 1h30m}, {@code 90s}, {@code 500ms}. */
  public static Duration duration(String text, String context) {
    Matcher m = DURATION_PART.matcher(text.trim());
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.lookingAt()) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMillis(n);
      });
      end = m.end();
      m.region(end, text.trim().length());
    }
    if (end == 0 || end != text.trim().length()) {
      throw new IllegalArgumentException("invalid duration '" + text + "' in '" + context + "': use e.g. 48h, 30m, 1h30m");
    }
    return d;
  }
}
