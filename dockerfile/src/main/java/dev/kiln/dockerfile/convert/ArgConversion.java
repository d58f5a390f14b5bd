package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.ArgDecl;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.WordExpander;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import java.util.ArrayList;
import java.util.List;

/**
 * ARG inside a stage: the value is the build arg if given, else the default, else the global
 * arg of that name. A valued arg becomes env for later RUNs (not for the image) and is listed in
 * their history ({@code RUN |2 A=1 B=2 …}).
 */
final class ArgConversion {

    private ArgConversion() {}

    static void dispatch(StageState d, Instruction.Arg c, DispatchContext ctx, WordExpander ex)
            throws ShellExpansionException {
        List<String> commit = new ArrayList<>();
        for (ArgDecl raw : c.args()) {
            ArgDecl arg = Expansions.arg(raw, ex);
            commit.add(arg.hasValue() ? arg.key() + "=" + arg.value() : arg.key());
            ArgDecl effective = MetaArgs.override(arg, ctx.options().buildArgs());
            if (!effective.hasValue()) {
                effective = effective.withValue(ctx.metaArgs().valueOf(effective.key()));
            }
            if (effective.hasValue()) {
                d.state = d.state.addEnv(effective.key(), effective.value());
            }
            d.buildArgs.add(effective);
        }
        Histories.config(d, "ARG " + String.join(" ", commit));
    }
}
