package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.ArgDecl;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.parser.Heredoc;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.Network;
import dev.kiln.llb.RunOptions;
import dev.kiln.llb.Security;
import dev.kiln.llb.State;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** RUN: the command line (shell or exec form, here-documents), mounts, network and security. */
final class RunConversion {

    private RunConversion() {}

    /** The argv and extra options of a RUN, once here-documents are folded in. */
    private record Argv(List<String> args, String nameSuffix, Consumer<RunOptions> extra) {}

    static void dispatch(StageState d, Command cmd, Instruction.Run c, DispatchContext ctx)
            throws ConversionException, ShellExpansionException {
        Argv argv = heredocs(d, c, ctx);
        List<String> args = c.prependShell() ? CommandInstructions.withShell(d.image, argv.args()) : argv.args();
        Map<String, String> env = StepNames.envMap(d.state.env());
        List<Consumer<RunOptions>> mounts = RunMountConversion.mounts(d, cmd, c, ctx);
        String name = StepNames.uppercaseCommand(StepNames.expand(ctx.rawLexer(), c.origin().code() + argv.nameSuffix(),
                env));
        String step = StepNames.prefix(d, name, ctx.options().prefixPlatform(), d.state.platform());
        d.state = d.state.run(o -> {
            o.args(args).description(Map.of(BaseImages.DOCKERFILE_COMMAND, c.origin().code()));
            if (d.ignoreCache) {
                o.ignoreCache();
            }
            if (ctx.proxy() != null) {
                o.proxyEnv(ctx.proxy());
            }
            argv.extra().accept(o);
            mounts.forEach(m -> m.accept(o));
            security(c.security(), o);
            network(c.network(), o);
            o.customName(step);
            ctx.options().locate(o, c.origin());
            ctx.options().extraHosts().forEach(h -> o.addExtraHost(h.host(), h.ip()));
        }).root();
        Histories.layer(d, "RUN " + commandString(args, d.buildArgs, env));
    }

    /**
     * One here-document as the whole command runs its content with the shell (or, with a shebang,
     * as a script mounted from an inline file); anything else is passed to the shell verbatim.
     */
    private static Argv heredocs(StageState d, Instruction.Run c, DispatchContext ctx) throws ConversionException {
        List<String> args = c.cmdLine();
        if (c.files().isEmpty()) {
            return new Argv(args, "", o -> {});
        }
        if (args.size() != 1 || !c.prependShell()) {
            throw Errors.at(c.origin(), "parsing produced an invalid run command: " + GoFormat.list(args));
        }
        Heredoc first = c.files().getFirst();
        Optional<Heredoc> single = Heredoc.fromWord(args.getFirst());
        if (single.isEmpty()) {
            StringBuilder full = new StringBuilder(args.getFirst());
            c.files().forEach(f -> full.append('\n').append(f.content()).append(f.name()));
            return new Argv(List.of(full.toString()), "", o -> {});
        }
        String data = first.effectiveContent();
        String suffix = " (" + summarize(first.content()) + ")";
        if (!d.image.os.equals("windows") && data.startsWith("#!")) {
            State script = State.scratch().dir("/").file(FileAction.mkfile(first.name(), 0755,
                    data.getBytes(StandardCharsets.UTF_8)), o -> {
                        o.customName("[internal] preparing inline document");
                        ctx.options().locate(o, c.origin());
                    });
            return new Argv(List.of("/dev/pipes/" + first.name()), suffix,
                    o -> o.mount("/dev/pipes/", script, m -> m.sourcePath("/").readonly()));
        }
        return new Argv(List.of(data), suffix, o -> {});
    }

    private static String summarize(String doc) {
        String[] lines = doc.strip().replace("\r\n", "\n").split("\n", -1);
        return lines.length > 1 ? lines[0] + "..." : lines[0];
    }

    private static void network(String mode, RunOptions o) {
        switch (mode) {
            case "none" -> o.network(Network.NONE);
            case "host" -> o.network(Network.HOST);
            default -> { } // "default" and absent keep the stage's network
        }
    }

    private static void security(String mode, RunOptions o) {
        switch (mode) {
            case "insecure" -> o.security(Security.INSECURE);
            case "sandbox" -> o.security(Security.SANDBOX);
            default -> { }
        }
    }

    /** History text: {@code |N K=V … argv}, build args taking their current env value. */
    static String commandString(List<String> args, List<ArgDecl> buildArgs, Map<String, String> env) {
        List<String> parts = new ArrayList<>();
        for (ArgDecl a : buildArgs) {
            String v = env.containsKey(a.key()) ? env.get(a.key()) : a.valueOrEmpty();
            parts.add(a.key() + "=" + v);
        }
        if (!parts.isEmpty()) {
            parts.addFirst("|" + parts.size());
        }
        parts.addAll(args);
        return String.join(" ", parts);
    }
}
