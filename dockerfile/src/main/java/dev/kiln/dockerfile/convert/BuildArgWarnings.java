package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.ArgDecl;
import dev.kiln.dockerfile.instructions.Instruction;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Build args nothing consumed, as BuildKit warns about them: a build arg is consumed by an ARG of
 * a built stage, or by a global ARG that a built stage's FROM line expands. A global ARG that only
 * declares the name does not consume it.
 */
final class BuildArgWarnings {

    /** Args every build accepts without an ARG (proxies, BuildKit settings). */
    private static final Set<String> BUILTIN = Set.of("HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY",
            "ALL_PROXY", "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy", "SOURCE_DATE_EPOCH");

    private BuildArgWarnings() {}

    static List<String> unused(Set<String> buildArgs, Collection<StageState> built) {
        Set<String> declared = new HashSet<>();
        for (StageState s : built) {
            declared.addAll(s.usedMetaArgs);
            for (Command c : s.commands) {
                if (c.instruction() instanceof Instruction.Arg a) {
                    a.args().stream().map(ArgDecl::key).forEach(declared::add);
                }
            }
        }
        Set<String> unused = new TreeSet<>();
        for (String k : buildArgs) {
            if (!declared.contains(k) && !BUILTIN.contains(k) && !k.startsWith("BUILDKIT_")) {
                unused.add(k);
            }
        }
        if (unused.isEmpty()) {
            return List.of();
        }
        return List.of("[Warning] One or more build-args " + GoFormat.list(List.copyOf(unused))
                + " were not consumed");
    }
}
