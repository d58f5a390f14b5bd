package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.ArgDecl;
import dev.kiln.dockerfile.instructions.CopyFlags;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.KeyValue;
import dev.kiln.dockerfile.instructions.SourceContent;
import dev.kiln.dockerfile.instructions.SourcesAndDest;
import dev.kiln.dockerfile.instructions.WordExpander;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands variables in the words BuildKit expands before running an instruction
 * ({@code SupportsSingleWordExpansion}): ENV/LABEL/ARG pairs, COPY/ADD paths and owner, WORKDIR,
 * USER, VOLUME and STOPSIGNAL. Here-document sources use the raw expander (quotes untouched).
 */
final class Expansions {

    private Expansions() {}

    static Instruction expand(Instruction ins, WordExpander ex, WordExpander raw) throws ShellExpansionException {
        return switch (ins) {
            case Instruction.Env e -> new Instruction.Env(pairs(e.pairs(), ex), e.origin());
            case Instruction.Label l -> new Instruction.Label(pairs(l.pairs(), ex), l.origin());
            case Instruction.Copy c -> copy(c, ex, raw);
            case Instruction.Workdir w -> new Instruction.Workdir(ex.expand(w.path()), w.origin());
            case Instruction.User u -> new Instruction.User(ex.expand(u.user()), u.origin());
            case Instruction.Volume v -> new Instruction.Volume(all(v.volumes(), ex), v.origin());
            case Instruction.StopSignal s -> new Instruction.StopSignal(ex.expand(s.signal()), s.origin());
            default -> ins;
        };
    }

    /** ARG defaults are expanded separately, because a build arg may replace them. */
    static ArgDecl arg(ArgDecl a, WordExpander ex) throws ShellExpansionException {
        return new ArgDecl(ex.expand(a.key()), a.hasValue() ? ex.expand(a.value()) : null);
    }

    private static List<KeyValue> pairs(List<KeyValue> in, WordExpander ex) throws ShellExpansionException {
        List<KeyValue> out = new ArrayList<>();
        for (KeyValue kv : in) {
            out.add(kv.withKeyValue(ex.expand(kv.key()), ex.expand(kv.value())));
        }
        return out;
    }

    private static List<String> all(List<String> in, WordExpander ex) throws ShellExpansionException {
        List<String> out = new ArrayList<>();
        for (String s : in) {
            out.add(ex.expand(s));
        }
        return out;
    }

    private static Instruction copy(Instruction.Copy c, WordExpander ex, WordExpander raw)
            throws ShellExpansionException {
        SourcesAndDest p = c.paths();
        List<SourceContent> contents = new ArrayList<>();
        for (SourceContent sc : p.sourceContents()) {
            contents.add(sc.expand() ? new SourceContent(sc.path(), raw.expand(sc.data()), true) : sc);
        }
        SourcesAndDest paths = new SourcesAndDest(all(p.sourcePaths(), ex), contents, ex.expand(p.destPath()));
        CopyFlags flags = c.flags().withChownChmod(ex.expand(c.flags().chown()), ex.expand(c.flags().chmod()));
        return new Instruction.Copy(c.add(), paths, flags, c.origin());
    }
}
