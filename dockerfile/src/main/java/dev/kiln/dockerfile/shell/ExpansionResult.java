package dev.kiln.dockerfile.shell;

import java.util.List;
import java.util.Set;

/**
 * Outcome of expanding one word.
 *
 * @param result    the expanded word, with quotes removed and inner spacing kept
 * @param words     the expanded word split into fields, as for exec-style arguments
 * @param matched   variable names that were looked up and found
 * @param unmatched variable names that were looked up and not found
 */
public record ExpansionResult(String result, List<String> words, Set<String> matched, Set<String> unmatched) {

    public ExpansionResult {
        words = List.copyOf(words);
        matched = Set.copyOf(matched);
        unmatched = Set.copyOf(unmatched);
    }
}
