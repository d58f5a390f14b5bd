package dev.kiln.dockerfile.shell;

import java.util.List;
import java.util.Map;

/**
 * Shell-like word processing for Dockerfile arguments, like BuildKit's lexer:
 * quote removal, escapes, {@code $VAR} / {@code ${VAR...}} expansion and field splitting.
 *
 * <p>Instances are immutable and thread-safe; each call works on its own state.
 *
 * @param escapeToken       the escape character, {@code \} or {@code `}
 * @param rawQuotes         keep quote characters in the output
 * @param rawEscapes        keep escape characters in the output
 * @param skipProcessQuotes treat quote characters as ordinary characters
 * @param skipUnsetEnv      leave references to unset variables as written
 */
public record ShellLexer(
        char escapeToken,
        boolean rawQuotes,
        boolean rawEscapes,
        boolean skipProcessQuotes,
        boolean skipUnsetEnv) {

    /** A lexer with the given escape character and default behaviour. */
    public ShellLexer(char escapeToken) {
        this(escapeToken, false, false, false, false);
    }

    public ShellLexer withRawQuotes(boolean raw) {
        return new ShellLexer(escapeToken, raw, rawEscapes, skipProcessQuotes, skipUnsetEnv);
    }

    public ShellLexer withRawEscapes(boolean raw) {
        return new ShellLexer(escapeToken, rawQuotes, raw, skipProcessQuotes, skipUnsetEnv);
    }

    public ShellLexer withSkipProcessQuotes(boolean skip) {
        return new ShellLexer(escapeToken, rawQuotes, rawEscapes, skip, skipUnsetEnv);
    }

    public ShellLexer withSkipUnsetEnv(boolean skip) {
        return new ShellLexer(escapeToken, rawQuotes, rawEscapes, skipProcessQuotes, skip);
    }

    /** Expands {@code word} into one string, keeping inner white space. */
    public String processWord(String word, Map<String, String> env) throws ShellExpansionException {
        return expand(word, env).result();
    }

    /** Expands {@code word} and splits the result into fields; quoted white space does not split. */
    public List<String> processWords(String word, Map<String, String> env) throws ShellExpansionException {
        return expand(word, env).words();
    }

    /** Expands {@code word}, reporting both forms and which variables were referenced. */
    public ExpansionResult expand(String word, Map<String, String> env) throws ShellExpansionException {
        return WordProcessor.process(this, word, env);
    }
}
