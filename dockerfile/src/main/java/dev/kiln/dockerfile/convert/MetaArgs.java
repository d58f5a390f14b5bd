package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.ArgDecl;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.dockerfile.shell.ShellLexer;
import dev.kiln.llb.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Global build args: the automatic platform args, then the ARGs before the first FROM, each
 * overridden by a {@code build-arg:} option. They feed FROM names and stage ARGs without a value.
 */
final class MetaArgs {

    private final List<ArgDecl> args;

    private MetaArgs(List<ArgDecl> args) {
        this.args = List.copyOf(args);
    }

    static MetaArgs resolve(List<Instruction.Arg> metaArgCommands, PlatformOpt platforms,
            Map<String, String> buildArgs, ShellLexer lexer) {
        List<ArgDecl> args = new ArrayList<>();
        for (ArgDecl a : platformArgs(platforms)) {
            args.add(override(a, buildArgs));
        }
        for (Instruction.Arg cmd : metaArgCommands) {
            for (ArgDecl a : cmd.args()) {
                ArgDecl decl = a;
                if (a.hasValue()) {
                    decl = a.withValue(expand(lexer, a.value(), toMap(args)));
                }
                args.add(override(decl, buildArgs));
            }
        }
        return new MetaArgs(args);
    }

    private static List<ArgDecl> platformArgs(PlatformOpt p) {
        Platform b = p.build().getFirst();
        Platform t = p.target();
        return List.of(new ArgDecl("BUILDPLATFORM", b.toString()), new ArgDecl("BUILDOS", b.os()),
                new ArgDecl("BUILDARCH", b.architecture()), new ArgDecl("BUILDVARIANT", b.variant()),
                new ArgDecl("TARGETPLATFORM", t.toString()), new ArgDecl("TARGETOS", t.os()),
                new ArgDecl("TARGETARCH", t.architecture()), new ArgDecl("TARGETVARIANT", t.variant()));
    }

    static ArgDecl override(ArgDecl a, Map<String, String> buildArgs) {
        String v = buildArgs.get(a.key());
        return v == null ? a : a.withValue(v);
    }

    /** BuildKit ignores expansion errors of global ARG defaults; the raw value stays. */
    private static String expand(ShellLexer lexer, String value, Map<String, String> env) {
        try {
            return lexer.processWord(value, env);
        } catch (ShellExpansionException e) {
            return value;
        }
    }

    private static Map<String, String> toMap(List<ArgDecl> args) {
        Map<String, String> m = new HashMap<>();
        for (ArgDecl a : args) {
            m.put(a.key(), a.valueOrEmpty());
        }
        return m;
    }

    /** Every arg by name, later declarations winning; args without a value map to {@code ""}. */
    Map<String, String> asMap() {
        return toMap(args);
    }

    /** The value of the last declaration of {@code key} that has one, or null. */
    String valueOf(String key) {
        String v = null;
        for (ArgDecl a : args) {
            if (a.key().equals(key)) {
                v = a.value();
            }
        }
        return v;
    }

    List<ArgDecl> all() {
        return args;
    }
}
