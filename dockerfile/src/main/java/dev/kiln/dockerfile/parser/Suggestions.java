package dev.kiln.dockerfile.parser;

import java.util.List;
import java.util.Locale;

/**
 * "Did you mean …?" hints for a mistyped name, with BuildKit's rule ({@code util/suggest}): the
 * closest option at edit distance 1 or 2 is suggested (the first one found on a tie), none when the
 * name is itself an option. Without case sensitivity the hint takes the case the user wrote the
 * name in: {@code RUNN} suggests {@code RUN}, {@code runn} suggests {@code run}.
 */
public final class Suggestions {

    /** BuildKit (like HCL) suggests only names closer than this. */
    private static final int MAX_DISTANCE_EXCLUSIVE = 3;

    private Suggestions() {}

    /** {@code message}, followed by {@code " (did you mean X?)"} when an option is close to {@code value}. */
    public static String withHint(String message, String value, List<String> options, boolean caseSensitive) {
        String val = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
        String match = null;
        int best = MAX_DISTANCE_EXCLUSIVE;
        for (String option : options) {
            String opt = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
            if (opt.equals(val)) {
                return message; // an exact match: the problem is not the name
            }
            int distance = levenshtein(val, opt);
            if (distance < best) {
                best = distance;
                match = caseSensitive ? opt : inCaseOf(opt, value);
            }
        }
        return match == null ? message : message + " (did you mean " + match + "?)";
    }

    private static String inCaseOf(String lowerOption, String written) {
        if (written.equals(written.toLowerCase(Locale.ROOT))) {
            return lowerOption;
        }
        if (written.equals(written.toUpperCase(Locale.ROOT))) {
            return lowerOption.toUpperCase(Locale.ROOT);
        }
        return lowerOption;
    }

    /** Edit distance with unit costs for insertion, deletion and substitution, over code points. */
    static int levenshtein(String a, String b) {
        int[] s = a.codePoints().toArray();
        int[] t = b.codePoints().toArray();
        int[] previous = new int[t.length + 1];
        int[] current = new int[t.length + 1];
        for (int j = 0; j <= t.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= s.length; i++) {
            current[0] = i;
            for (int j = 1; j <= t.length; j++) {
                int substitution = previous[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[t.length];
    }
}
