package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.dockerfile.shell.ShellLexer;
import dev.kiln.llb.EnvList;
import dev.kiln.llb.Platform;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Progress names of steps: {@code [stage 2/5] RUN …}, with variables expanded for display. */
final class StepNames {

    private StepNames() {}

    /**
     * Prefixes {@code text} with the stage name and the step counter, advancing the counter;
     * stages without counted steps (images used only as sources) get no prefix.
     */
    static String prefix(StageState s, String text, boolean withPlatform, Platform platform) {
        if (s.cmdTotal == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder("[");
        if (withPlatform && platform != null) {
            out.append(platform).append(' ');
        }
        if (s.stageName != null && !s.stageName.isEmpty()) {
            out.append(s.stageName).append(' ');
        }
        s.cmdIndex++;
        int width = Integer.toString(s.cmdTotal).length();
        out.append(String.format("%" + width + "d/%d] ", s.cmdIndex, s.cmdTotal));
        return out.append(text).toString();
    }

    /** The instruction text with variables expanded; unchanged if expansion fails. */
    static String expand(ShellLexer lexer, String text, Map<String, String> env) {
        try {
            return lexer.processWord(text, env);
        } catch (ShellExpansionException e) {
            return text;
        }
    }

    /** Upper-cases the instruction keyword: {@code run echo} → {@code RUN echo}. */
    static String uppercaseCommand(String text) {
        int sp = text.indexOf(' ');
        return sp < 0 ? text.toUpperCase(Locale.ROOT)
                : text.substring(0, sp).toUpperCase(Locale.ROOT) + text.substring(sp);
    }

    /** An env list as a lookup map for the shell lexer. */
    static Map<String, String> envMap(EnvList env) {
        Map<String, String> m = new LinkedHashMap<>();
        for (EnvList.Entry e : env.entries()) {
            m.put(e.key(), e.value());
        }
        return m;
    }
}
