package dev.kiln.dockerfile.shell;

import static dev.kiln.dockerfile.shell.CodePointCursor.EOF;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Shell wildcard patterns ({@code *}, {@code ?}, backslash escapes; no bracket
 * expressions) as used by {@code ${VAR#pat}}, {@code ${VAR%pat}} and {@code ${VAR/pat/repl}}.
 */
final class ShellPattern {

    private ShellPattern() {}

    /** Translates a wildcard pattern into an equivalent regular expression. */
    static Pattern compile(String pattern, boolean greedy, boolean anchored) throws ShellExpansionException {
        CodePointCursor in = new CodePointCursor(pattern);
        StringBuilder regex = new StringBuilder(pattern.length() + 4);
        if (anchored) {
            regex.append('^');
        }
        for (int tok = in.next(); tok != EOF; tok = in.next()) {
            switch (tok) {
                case '*' -> regex.append(greedy ? ".*" : ".*?");
                case '?' -> regex.append('.');
                case '\\' -> appendEscape(in, regex, pattern);
                case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' -> regex.append('\\').appendCodePoint(tok);
                default -> regex.appendCodePoint(tok);
            }
        }
        try {
            // UNIX_LINES: '.' excludes only '\n', as in the reference implementation.
            return Pattern.compile(regex.toString(), Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw invalid(pattern, e.getDescription());
        }
    }

    private static void appendEscape(CodePointCursor in, StringBuilder regex, String pattern)
            throws ShellExpansionException {
        // "\}" and "\/" only protect the delimiters of ${...}; the next round handles the character.
        if (in.peek() == '}' || in.peek() == '/') {
            return;
        }
        int escaped = in.next();
        if (escaped != '*' && escaped != '?' && escaped != '\\') {
            throw invalid(pattern, "invalid escape '\\" + (escaped == EOF ? "" : Character.toString(escaped)) + "'");
        }
        regex.append('\\').appendCodePoint(escaped);
    }

    /** Removes the shortest (or longest, when greedy) prefix of {@code value} matching the pattern. */
    static String trimPrefix(String pattern, String value, boolean greedy) throws ShellExpansionException {
        Matcher m = compile(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    /** Removes the shortest (or longest) matching suffix. */
    static String trimSuffix(String pattern, String value, boolean greedy) throws ShellExpansionException {
        // A regex finds the leftmost match only, so search the reversed value with the reversed pattern.
        String trimmed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
        return reverse(trimmed);
    }

    /** Replaces the first (or every) longest match of the pattern in {@code value}. */
    static String replace(String value, String pattern, String replacement, boolean all)
            throws ShellExpansionException {
        Matcher m = compile(pattern, true, false).matcher(value);
        if (!all) {
            return m.find() ? value.substring(0, m.start()) + replacement + value.substring(m.end()) : value;
        }
        return replaceAll(m, value, replacement);
    }

    /** Replace-all where an empty match right after a previous match is not replaced again. */
    private static String replaceAll(Matcher m, String value, String template) {
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchFrom = 0;
        while (searchFrom <= value.length() && m.find(searchFrom)) {
            out.append(value, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                ReplacementTemplate.expand(template, m, out);
            }
            lastMatchEnd = m.end();
            int width = searchFrom < value.length() ? Character.charCount(value.codePointAt(searchFrom)) : 1;
            searchFrom = Math.max(searchFrom + width, m.end());
        }
        return out.append(value, lastMatchEnd, value.length()).toString();
    }

    /** Reverses a pattern while keeping each escape in front of the character it escapes. */
    static String reversePattern(String pattern) {
        int[] in = pattern.codePoints().toArray();
        int[] out = new int[in.length];
        int last = in.length - 1;
        for (int i = 0; i <= last; ) {
            int target = last - i;
            if (in[i] == '\\' && i != last) {
                out[target - 1] = '\\';
                out[target] = in[i + 1];
                i += 2;
            } else {
                out[target] = in[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    private static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        for (int i = 0, j = cps.length - 1; i < j; i++, j--) {
            int t = cps[i];
            cps[i] = cps[j];
            cps[j] = t;
        }
        return new String(cps, 0, cps.length);
    }

    private static ShellExpansionException invalid(String pattern, String reason) {
        return new ShellExpansionException("invalid pattern (" + pattern + ") in substitution: " + reason);
    }
}
