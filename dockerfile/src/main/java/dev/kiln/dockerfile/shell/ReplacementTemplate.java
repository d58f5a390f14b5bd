package dev.kiln.dockerfile.shell;

import java.util.regex.MatchResult;

/**
 * Expands a replace-all replacement the way BuildKit's regexp library does:
 * {@code $$} is a dollar, {@code $0}/{@code ${0}} the whole match, any other
 * {@code $name} (no groups exist in wildcard patterns) expands to nothing, and a
 * {@code $} not followed by a name stays literal.
 */
final class ReplacementTemplate {

    private ReplacementTemplate() {}

    static void expand(String template, MatchResult match, StringBuilder out) {
        int i = 0;
        while (i < template.length()) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            int end = referenceEnd(template, i);
            if (end < 0) {
                out.append('$');
                continue;
            }
            String name = template.charAt(i) == '{' ? template.substring(i + 1, end - 1) : template.substring(i, end);
            if (isGroupZero(name)) {
                out.append(match.group());
            }
            i = end;
        }
        out.append(template, i, template.length());
    }

    /** End index of a reference starting at {@code from}, or -1 when there is no valid name. */
    private static int referenceEnd(String template, int from) {
        if (from >= template.length()) {
            return -1;
        }
        boolean braced = template.charAt(from) == '{';
        int start = braced ? from + 1 : from;
        int end = start;
        while (end < template.length()) {
            int cp = template.codePointAt(end);
            if (!Character.isLetterOrDigit(cp) && cp != '_') {
                break;
            }
            end += Character.charCount(cp);
        }
        if (end == start) {
            return -1;
        }
        if (braced) {
            return end < template.length() && template.charAt(end) == '}' ? end + 1 : -1;
        }
        return end;
    }

    private static boolean isGroupZero(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c == '0');
    }
}
