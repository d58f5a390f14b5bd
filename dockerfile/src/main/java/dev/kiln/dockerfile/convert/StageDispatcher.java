package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.Image;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.InstructionException;
import dev.kiln.dockerfile.instructions.InstructionsParser;
import dev.kiln.dockerfile.instructions.Origin;
import dev.kiln.dockerfile.instructions.WordExpander;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.dockerfile.parser.Node;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.dockerfile.shell.ShellLexer;
import dev.kiln.llb.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts one stage: inherits the base (stage or image config: env, working dir, user), runs
 * the base's ONBUILD triggers, then each instruction through its family's converter. Errors are
 * located at the failing instruction here, once.
 */
final class StageDispatcher {

    private static final ShellLexer RAW_EXPANDER = new ShellLexer('\\').withSkipProcessQuotes(true);

    private final DispatchContext ctx;

    StageDispatcher(DispatchContext ctx) {
        this.ctx = ctx;
    }

    void dispatch(StageState d) throws ConversionException {
        d.dispatched = true;
        inherit(d);
        runTriggers(d);
        for (Command cmd : d.commands) {
            dispatch(d, cmd);
        }
    }

    private void inherit(StageState d) {
        if (d.base != null) {
            d.state = d.base.state;
            d.platform = d.base.platform;
            d.image = d.base.image.copy();
        }
        String os = d.platform != null ? d.platform.os() : ctx.platforms().target().os();
        List<String> env = d.image.config.env == null ? new ArrayList<>() : d.image.config.env;
        if (env.stream().noneMatch(e -> e.split("=", 2)[0].equals("PATH"))) {
            env.add("PATH=" + Image.defaultPath(os));
        }
        d.image.config.env = env;
        for (String e : env) {
            String[] kv = e.split("=", 2);
            d.state = d.state.addEnv(kv[0], kv.length > 1 ? kv[1] : "");
        }
        if (!ctx.options().hostname().isEmpty()) {
            d.state = d.state.hostname(ctx.options().hostname());
        }
        if (!d.image.config.workingDir.isEmpty()) {
            WorkdirConversion.inherit(d, d.image.config.workingDir);
        }
        if (!d.image.config.user.isEmpty()) {
            d.state = d.state.user(d.image.config.user);
        }
        Network net = ctx.options().forceNetworkMode();
        d.state = d.state.network(net == null ? Network.SANDBOX : net);
    }

    /**
     * ONBUILD triggers of the base image run first, as if written at the top of the stage; like
     * BuildKit, their ops and errors are located at the stage's FROM.
     */
    private void runTriggers(StageState d) throws ConversionException {
        List<String> triggers = d.image.config.onBuild == null ? List.of() : List.copyOf(d.image.config.onBuild);
        Origin at = d.stage.origin();
        for (String trigger : triggers) {
            try {
                var nodes = DockerfileParser.parse(trigger).instructions();
                if (nodes.size() != 1) {
                    throw Errors.at(at, "onbuild trigger should be a single expression");
                }
                Node node = nodes.getFirst().withLines(at.startLine(), at.endLine());
                Instruction ins = InstructionsParser.parseInstruction(node);
                dispatch(d, StagePlanner.toCommand(ins, ctx.stages(), ctx.lexer()));
            } catch (DockerfileParseException e) {
                throw Errors.at(at, e.reason(), e);
            } catch (InstructionException e) {
                throw Errors.at(at, e.getMessage(), e);
            }
        }
        d.image.config.onBuild = null;
    }

    private void dispatch(StageState d, Command cmd) throws ConversionException {
        Origin origin = cmd.instruction().origin();
        try {
            // One lookup map per instruction: the env is fixed while its words expand.
            Map<String, String> env = StepNames.envMap(d.state.env());
            WordExpander ex = w -> ctx.lexer().processWord(w, env);
            WordExpander raw = w -> RAW_EXPANDER.processWord(w, env);
            Instruction ins = Expansions.expand(cmd.instruction(), ex, raw);
            convert(d, cmd, ins, ex);
        } catch (ShellExpansionException | IllegalArgumentException e) {
            throw Errors.at(origin, e.getMessage(), e);
        }
    }

    private void convert(StageState d, Command cmd, Instruction ins, WordExpander ex)
            throws ConversionException, ShellExpansionException {
        switch (ins) {
            case Instruction.Env c -> ConfigInstructions.env(d, c);
            case Instruction.Label c -> ConfigInstructions.label(d, c);
            case Instruction.Arg c -> ArgConversion.dispatch(d, c, ctx, ex);
            case Instruction.Run c -> RunConversion.dispatch(d, cmd, c, ctx);
            case Instruction.Copy c -> CopyConversion.dispatch(d, cmd, c, ctx);
            case Instruction.Workdir c -> WorkdirConversion.dispatch(d, c, ctx);
            case Instruction.User c -> ConfigInstructions.user(d, c);
            case Instruction.Expose c -> CommandInstructions.expose(d, c, ctx);
            case Instruction.Volume c -> ConfigInstructions.volume(d, c);
            case Instruction.Cmd c -> CommandInstructions.cmd(d, c);
            case Instruction.Entrypoint c -> CommandInstructions.entrypoint(d, c);
            case Instruction.Healthcheck c -> CommandInstructions.healthcheck(d, c);
            case Instruction.StopSignal c -> ConfigInstructions.stopSignal(d, c);
            case Instruction.Onbuild c -> ConfigInstructions.onbuild(d, c);
            case Instruction.Maintainer c -> ConfigInstructions.maintainer(d, c);
            case Instruction.Shell c -> ConfigInstructions.shell(d, c);
        }
    }
}
