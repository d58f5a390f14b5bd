package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.Origin;
import dev.kiln.dockerfile.instructions.ParsedDockerfile;
import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.dockerfile.instructions.RunMountParser;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.dockerfile.parser.Suggestions;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.dockerfile.shell.ShellLexer;
import dev.kiln.llb.Platform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a state per stage (FROM names and platforms expanded with the global args), picks the
 * target, links each command to the stages it reads, and finds the stages the target needs.
 */
final class StagePlanner {

    private StagePlanner() {}

    static Stages plan(ParsedDockerfile df, MetaArgs metaArgs, ShellLexer lexer, ConvertOptions options,
            NamedContexts contexts) throws ConversionException {
        Stages stages = new Stages();
        Map<String, String> args = metaArgs.asMap();
        List<Stage> parsed = df.stages();
        for (int i = 0; i < parsed.size(); i++) {
            Stage st = parsed.get(i);
            Set<String> used = new HashSet<>();
            StageState s = new StageState(st, expand(lexer, st.baseName(), args, st.origin(), used));
            if (s.baseName.isEmpty()) {
                throw Errors.at(st.origin(), "base name (" + st.baseName() + ") should not be blank");
            }
            if (!st.platform().isEmpty()) {
                s.platform = platform(expand(lexer, st.platform(), args, st.origin(), used), st);
            }
            s.usedMetaArgs.addAll(used);
            var context = st.name().isEmpty() ? Optional.<ContextSource>empty()
                    : contexts.lookup(st.name(), s.platform, st.origin());
            if (context.isPresent()) {
                replaceWithContext(s, context.get(), options);
                stages.add(s);
                continue;
            }
            if (st.name().isEmpty()) {
                s.stageName = "stage-" + i;
            }
            stages.add(s);
            s.cmdTotal = countSteps(s);
            s.ignoreCache = ignoresCache(options.ignoreCache(), st.name());
        }
        return stages;
    }

    /**
     * A stage named like a {@code context:NAME} option is not built: the context stands in for it,
     * and an image context's platform becomes the stage's.
     */
    private static void replaceWithContext(StageState s, ContextSource context, ConvertOptions options) {
        s.noinit = true;
        s.state = context.state();
        Platform fallback = s.platform != null ? s.platform : PlatformOpt.of(options).target();
        s.image = NamedContexts.imageOrEmpty(context, fallback);
        if (context.image() != null && !s.image.os.isEmpty() && !s.image.architecture.isEmpty()) {
            s.platform = Platform.of(s.image.os, s.image.architecture, s.image.variant);
        }
    }

    /** Links commands to their source stages; unknown {@code --from} names become image stages. */
    static void linkSources(Stages stages, ShellLexer lexer) throws ConversionException {
        for (StageState s : new ArrayList<>(stages.all())) {
            for (Instruction ins : s.stage.commands()) {
                Command cmd = toCommand(ins, stages, lexer);
                s.commands.add(cmd);
                for (StageState src : cmd.sources()) {
                    if (src != null) {
                        s.deps.add(src);
                    }
                }
            }
        }
        checkCycles(stages);
        if (stages.all().size() == 1) {
            stages.all().getFirst().stageName = "";
        }
    }

    static Command toCommand(Instruction ins, Stages stages, ShellLexer lexer) throws ConversionException {
        List<StageState> sources = new ArrayList<>();
        if (ins instanceof Instruction.Copy c && !c.flags().from().isEmpty()) {
            checkNoVariables(c.flags().from(), c.origin(), lexer);
            sources.add(stageFor(c.flags().from(), c.origin(), stages, true));
        } else if (ins instanceof Instruction.Run r) {
            for (String m : r.mounts()) {
                RunMount mount = rawMount(m, r.origin());
                String from = mount.from().isEmpty() && mount.type().equals(RunMount.CACHE) ? "scratch" : mount.from();
                boolean noSource = from.isEmpty() || mount.type().equals(RunMount.TMPFS);
                sources.add(noSource ? null : stageFor(from, r.origin(), stages, false));
            }
        }
        return new Command(ins, sources);
    }

    /** BuildKit resolves {@code COPY --from} before any ARG has a value, so it refuses variables there. */
    private static void checkNoVariables(String from, Origin origin, ShellLexer lexer) throws ConversionException {
        String expanded;
        try {
            expanded = lexer.processWord(from, Map.of());
        } catch (ShellExpansionException e) {
            throw Errors.at(origin, e.getMessage(), e);
        }
        if (!expanded.equals(from)) {
            throw Errors.at(origin, "variable expansion is not supported for --from, define a new stage with FROM "
                    + "using ARG from global scope as a workaround");
        }
    }

    private static StageState stageFor(String from, Origin origin, Stages stages, boolean allowIndex)
            throws ConversionException {
        if (allowIndex && from.chars().allMatch(Character::isDigit)) {
            try {
                return stages.byIndex(Integer.parseInt(from));
            } catch (ConversionException e) {
                throw Errors.at(origin, e.getMessage());
            }
        }
        var named = stages.byName(from);
        if (named.isPresent()) {
            return named.get();
        }
        StageState image = StageState.unregistered(from, new Stage("", from, "", List.of(),
                new Origin("", origin.startLine(), origin.endLine())));
        stages.add(image);
        return image;
    }

    private static RunMount rawMount(String value, Origin origin) throws ConversionException {
        try {
            return RunMountParser.parse(value, w -> w);
        } catch (ShellExpansionException | IllegalArgumentException e) {
            throw Errors.at(origin, e.getMessage());
        }
    }

    /** Stages the target needs: itself, its bases and every stage it reads from, transitively. */
    static Set<StageState> reachable(StageState target) {
        Set<StageState> out = new LinkedHashSet<>();
        List<StageState> todo = new ArrayList<>(List.of(target));
        while (!todo.isEmpty()) {
            StageState s = todo.removeLast();
            if (out.add(s)) {
                if (s.base != null) {
                    todo.add(s.base);
                }
                todo.addAll(s.deps);
            }
        }
        return out;
    }

    static StageState target(Stages stages, String target) throws ConversionException {
        if (target.isEmpty()) {
            return stages.last();
        }
        return stages.byName(target).orElseThrow(() -> new ConversionException(Suggestions.withHint(
                "target stage \"" + target + "\" could not be found", target, stages.names(), true)));
    }

    private static int countSteps(StageState s) {
        int total = !s.baseName.equals("scratch") && s.base == null ? 1 : 0;
        for (Instruction i : s.stage.commands()) {
            if (i instanceof Instruction.Copy || i instanceof Instruction.Run || i instanceof Instruction.Workdir) {
                total++;
            }
        }
        return total;
    }

    private static boolean ignoresCache(List<String> noCache, String name) {
        if (noCache == null) {
            return false;
        }
        return noCache.isEmpty() || (!name.isEmpty() && noCache.stream().anyMatch(n -> n.equalsIgnoreCase(name)));
    }

    /** Expands a FROM word with the global args, noting which args it used. */
    private static String expand(ShellLexer lexer, String word, Map<String, String> args, Origin origin,
            Set<String> used) throws ConversionException {
        try {
            var r = lexer.expand(word, args);
            used.addAll(r.matched());
            return r.result();
        } catch (ShellExpansionException e) {
            throw Errors.at(origin, e.getMessage());
        }
    }

    private static Platform platform(String spec, Stage st) throws ConversionException {
        try {
            return Platform.parse(spec);
        } catch (IllegalArgumentException e) {
            throw Errors.at(st.origin(), "failed to parse platform " + st.platform() + ": " + e.getMessage());
        }
    }

    private static void checkCycles(Stages stages) throws ConversionException {
        Set<StageState> done = new HashSet<>();
        for (StageState s : stages.all()) {
            visit(s, done, new LinkedHashSet<>());
        }
    }

    private static void visit(StageState s, Set<StageState> done, Set<StageState> path) throws ConversionException {
        if (done.contains(s)) {
            return;
        }
        path.add(s);
        for (StageState d : s.deps) {
            if (path.contains(d)) {
                throw Errors.at(d.stage.origin(), "circular dependency detected on stage: " + s.stageName);
            }
            visit(d, done, path);
        }
        path.remove(s);
        done.add(s);
    }
}
