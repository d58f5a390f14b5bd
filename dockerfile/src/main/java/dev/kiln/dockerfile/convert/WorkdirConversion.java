package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.Paths;
import dev.kiln.llb.Platform;

/**
 * WORKDIR: sets the dir later steps run in and, as a step of its own, creates it (a mkdir
 * FileOp owned by the current USER), as BuildKit does when the engine has file ops.
 */
final class WorkdirConversion {

    private WorkdirConversion() {}

    /** The base image's working dir: the state's dir only, no step and no history. */
    static void inherit(StageState d, String path) {
        d.state = d.state.dir(path);
        d.image.config.workingDir = absolute(d, path);
    }

    static void dispatch(StageState d, Instruction.Workdir c, DispatchContext ctx) {
        d.state = d.state.dir(c.path());
        String wd = absolute(d, c.path());
        d.image.config.workingDir = wd;
        boolean withLayer = false;
        if (!wd.equals("/")) {
            String user = d.image.config.user;
            Platform platform = d.platform != null ? d.platform : ctx.platforms().target();
            String name = StepNames.uppercaseCommand(StepNames.expand(ctx.lexer(), c.origin().code(),
                    StepNames.envMap(d.state.env())));
            String step = StepNames.prefix(d, name, ctx.options().prefixPlatform(), platform);
            d.state = d.state.file(FileAction.mkdir(wd, 0755, o -> {
                o.parents(true);
                if (!user.isEmpty()) {
                    o.owner(user);
                }
            }), o -> {
                o.customName(step);
                ctx.options().locate(o, c.origin());
            });
            withLayer = true;
        }
        if (withLayer) {
            d.image.history.add(dev.kiln.dockerfile.image.History.step("WORKDIR " + wd, true));
        } else {
            Histories.config(d, "WORKDIR " + wd);
        }
    }

    private static String absolute(StageState d, String path) {
        return Paths.isAbs(path) ? path : Paths.join("/", d.image.config.workingDir, path);
    }
}
