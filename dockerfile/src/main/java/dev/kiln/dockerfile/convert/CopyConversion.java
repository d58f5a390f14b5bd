package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.CopyFlags;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.SourceContent;
import dev.kiln.llb.Chown;
import dev.kiln.llb.CopyOptions;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.LlbCaps;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.OpOptions;
import dev.kiln.llb.Paths;
import dev.kiln.llb.State;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * COPY and ADD as one FileOp of copy actions (BuildKit's {@code dispatchCopyFileOp}); with
 * {@code --link} the copy goes onto scratch and is merged onto the stage, so it does not
 * depend on the layers below.
 */
final class CopyConversion {

    private CopyConversion() {}

    static void dispatch(StageState d, Command cmd, Instruction.Copy c, DispatchContext ctx)
            throws ConversionException {
        CopyFlags f = c.flags();
        boolean fromContext = cmd.sources().isEmpty();
        if (!fromContext && definedLater(cmd.sources().getFirst())) {
            throw Errors.at(c.origin(), "cannot copy from stage \"" + f.from() + "\", it needs to be defined before "
                    + "current stage \"" + d.stageName + "\"");
        }
        State source = fromContext ? ctx.buildContext() : cmd.sources().getFirst().state;
        String dest = destination(d, c.paths().destPath());
        Chown owner = f.chown().isEmpty() ? null : Chown.parse(f.chown());
        Integer mode = octal(f.chmod());
        StringBuilder commit = new StringBuilder(c.add() ? "ADD" : "COPY");
        FileAction action = null;
        for (String src : c.paths().sourcePaths()) {
            commit.append(' ').append(src);
            action = chain(action, sourceCopy(c, src, source, dest, mode, owner, ctx));
        }
        for (SourceContent content : c.paths().sourceContents()) {
            commit.append(" <<").append(content.path());
            State doc = State.scratch().file(FileAction.mkfile(content.path(), 0664,
                    content.data().getBytes(StandardCharsets.UTF_8)), o -> {
                        o.customName("[internal] preparing inline document");
                        ctx.options().locate(o, c.origin());
                    });
            action = chain(action, new Step(doc, content.path(), dest, o -> basic(o, mode, owner)));
        }
        commit.append(' ').append(c.paths().destPath());
        apply(d, c, action, ctx);
        Histories.layer(d, commit.toString());
        if (fromContext) {
            c.paths().sourcePaths().stream().filter(s -> !c.add() || !isRemote(s))
                    .forEach(s -> d.ctxPaths.add(Paths.join("/", s)));
        }
    }

    /** A stage of this Dockerfile not converted yet (images and named contexts are ready from the start). */
    private static boolean definedLater(StageState source) {
        return !source.dispatched && !source.unregistered && !source.noinit;
    }

    private record Step(State source, String src, String dest, Consumer<CopyOptions> options) {}

    private static Step sourceCopy(Instruction.Copy c, String src, State source, String dest, Integer mode,
            Chown owner, DispatchContext ctx) throws ConversionException {
        CopyFlags f = c.flags();
        Consumer<OpOptions<?>> located = o -> ctx.options().locate(o, c.origin());
        if (c.add() && CopySources.isGit(src)) {
            CopySources.Remote git = CopySources.git(src, f.keepGitDir(), f.checksum(), located);
            return new Step(git.state(), git.path(), dest, o -> basic(o, mode, owner));
        }
        if (CopySources.isHttp(src)) {
            if (!c.add()) {
                throw Errors.at(c.origin(), "source can't be a URL for COPY");
            }
            CopySources.Remote http = CopySources.http(src, f.checksum(), located);
            return new Step(http.state(), http.path(), dest, o -> basic(o, mode, owner));
        }
        if (!f.checksum().isEmpty()) {
            throw Errors.at(c.origin(), "checksum can't be specified for non-HTTP(S) sources");
        }
        ParentsSource parents = f.parents() ? ParentsSource.of(src) : null;
        String from = parents != null ? parents.root() : Paths.join("/", src);
        return new Step(source, from, dest, o -> {
            basic(o, mode, owner);
            if (parents != null) {
                o.includePatterns(List.of(parents.pattern()));
            }
            o.followSymlinks().copyDirContentsOnly().allowWildcard().allowEmptyWildcard();
            if (c.add()) {
                o.attemptUnpack();
            }
            if (!f.excludes().isEmpty()) {
                o.excludePatterns(f.excludes());
            }
        });
    }

    private static void basic(CopyOptions o, Integer mode, Chown owner) {
        o.createDestPath();
        if (mode != null) {
            o.mode(mode);
        }
        if (owner != null) {
            o.owner(owner);
        }
    }

    private static FileAction chain(FileAction prev, Step s) {
        return prev == null ? FileAction.copy(s.source(), s.src(), s.dest(), s.options())
                : prev.thenCopy(s.source(), s.src(), s.dest(), s.options());
    }

    private static void apply(StageState d, Instruction.Copy c, FileAction action, DispatchContext ctx) {
        String name = StepNames.uppercaseCommand(StepNames.expand(ctx.lexer(), c.origin().code(),
                StepNames.envMap(d.state.env())));
        var platform = d.platform != null ? d.platform : ctx.platforms().target();
        boolean prefixPlatform = ctx.options().prefixPlatform();
        String step = StepNames.prefix(d, name, prefixPlatform, platform);
        if (c.flags().link() && c.flags().chmod().isEmpty() && ctx.options().supports(LlbCaps.MERGE_OP)) {
            String group = MarshalOptions.randomId();
            d.cmdIndex--;
            String groupName = StepNames.prefix(d, name, prefixPlatform, platform);
            d.cmdIndex--;
            String mergeName = StepNames.prefix(d, "LINK " + name, prefixPlatform, platform);
            // BuildKit's copy op gets only the (weak) progress group, not the step name.
            State layer = State.scratch().file(action, o -> {
                o.progressGroup(group, groupName, true);
                ctx.options().locate(o, c.origin());
            });
            State merged = State.merge(List.of(d.state, layer), o -> {
                o.progressGroup(group, groupName, false).customName(mergeName);
                ctx.options().locate(o, c.origin());
            });
            d.state = d.state.withOutput(merged.output());
            return;
        }
        d.state = d.state.file(action, o -> {
            o.customName(step);
            ctx.options().locate(o, c.origin());
            if (d.ignoreCache) {
                o.ignoreCache();
            }
        });
    }

    /** {@code pathRelativeToWorkingDir} plus the trailing slash that marks a directory. */
    private static String destination(StageState d, String destPath) {
        String p = Paths.isAbs(destPath) ? destPath : Paths.join(d.state.dir(), destPath);
        String dest = Paths.join("/", p);
        if (destPath.isEmpty() || destPath.equals(".") || destPath.endsWith("/")) {
            dest += "/";
        }
        return dest;
    }

    /** {@code --chmod} in octal; BuildKit v0.11 ignores values that do not parse. */
    private static Integer octal(String chmod) {
        if (chmod.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(chmod, 8);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isRemote(String src) {
        return CopySources.isHttp(src) || CopySources.isGit(src);
    }
}
