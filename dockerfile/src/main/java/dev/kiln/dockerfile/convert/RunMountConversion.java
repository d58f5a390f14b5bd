package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.dockerfile.instructions.RunMountParser;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.llb.CacheSharing;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.LlbCaps;
import dev.kiln.llb.MountOptions;
import dev.kiln.llb.Paths;
import dev.kiln.llb.RunOptions;
import dev.kiln.llb.State;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code RUN --mount}: bind, cache, tmpfs, secret and ssh mounts (BuildKit's convert_runmount). */
final class RunMountConversion {

    private RunMountConversion() {}

    static List<Consumer<RunOptions>> mounts(StageState d, Command cmd, Instruction.Run c, DispatchContext ctx)
            throws ConversionException, ShellExpansionException {
        List<Consumer<RunOptions>> out = new ArrayList<>();
        for (int i = 0; i < c.mounts().size(); i++) {
            RunMount m = parse(d, c, i, ctx);
            if (m.from().isEmpty() && m.type().equals(RunMount.CACHE)) {
                m = m.withFrom("scratch");
            }
            switch (m.type()) {
                case RunMount.SECRET -> out.add(secret(m, c));
                case RunMount.SSH -> out.add(ssh(m, c));
                default -> {
                    State source = m.from().isEmpty() ? ctx.buildContext() : cmd.sources().get(i).state;
                    out.add(filesystem(d, m, source, c, ctx));
                    if (m.from().isEmpty()) {
                        d.ctxPaths.add(Paths.join("/", m.source()));
                    }
                }
            }
        }
        return out;
    }

    private static RunMount parse(StageState d, Instruction.Run c, int i, DispatchContext ctx)
            throws ConversionException, ShellExpansionException {
        var env = StepNames.envMap(d.state.env());
        var lexer = ctx.lexer();
        try {
            return RunMountParser.parse(c.mounts().get(i), w -> lexer.processWord(w, env));
        } catch (IllegalArgumentException e) {
            throw Errors.at(c.origin(), e.getMessage(), e);
        }
    }

    private static Consumer<RunOptions> filesystem(StageState d, RunMount m, State source, Instruction.Run c,
            DispatchContext ctx) throws ConversionException {
        String target = m.target();
        if (!Paths.isAbs(Paths.clean(target))) {
            target = Paths.join("/", d.state.dir(), target);
        }
        if (target.equals("/")) {
            throw Errors.at(c.origin(), "invalid mount target \"" + target + "\"");
        }
        State st = m.type().equals(RunMount.TMPFS) ? State.scratch() : source;
        String src = Paths.join("/", m.source());
        if (src.equals("/") && m.type().equals(RunMount.CACHE) && (m.uid() != null || m.gid() != null || m.mode() != null)) {
            st = cacheOwner(m, st, c, ctx);
            src = "/cache";
        }
        String cacheId = m.cacheId().isEmpty() ? Paths.clean(m.target()) : m.cacheId();
        String namespacedId = ctx.options().cacheIdNamespace() + "/" + cacheId;
        boolean noOutput = !m.readOnly() && m.type().equals(RunMount.BIND)
                && ctx.options().supports(LlbCaps.EXEC_MOUNT_BIND_READ_WRITE_NO_OUTPUT);
        String selector = src;
        State mountSource = st;
        String dest = target;
        return o -> o.mount(dest, mountSource, mo -> options(mo, m, selector, namespacedId, noOutput));
    }

    private static void options(MountOptions mo, RunMount m, String selector, String cacheId, boolean noOutput) {
        if (m.type().equals(RunMount.TMPFS)) {
            mo.tmpfs(m.sizeLimit());
        }
        if (m.readOnly()) {
            mo.readonly();
        } else if (noOutput) {
            mo.noOutput();
        }
        if (m.type().equals(RunMount.CACHE)) {
            mo.cache(cacheId, switch (m.sharing()) {
                case "private" -> CacheSharing.PRIVATE;
                case "locked" -> CacheSharing.LOCKED;
                default -> CacheSharing.SHARED;
            });
        }
        if (!selector.equals("/")) {
            mo.sourcePath(selector);
        }
    }

    /** A cache dir with a given owner or mode starts from a prepared {@code /cache} directory. */
    private static State cacheOwner(RunMount m, State st, Instruction.Run c, DispatchContext ctx) {
        int uid = m.uid() == null ? 0 : m.uid().intValue();
        int gid = m.gid() == null ? 0 : m.gid().intValue();
        int mode = m.mode() == null ? 0755 : m.mode().intValue();
        return st.file(FileAction.mkdir("/cache", mode, o -> o.owner(uid, gid)),
                o -> {
                    o.customName("[internal] settings cache mount permissions");
                    ctx.options().locate(o, c.origin());
                });
    }

    private static Consumer<RunOptions> secret(RunMount m, Instruction.Run c) throws ConversionException {
        String id = !m.source().isEmpty() ? m.source() : m.cacheId();
        if (id.isEmpty()) {
            if (m.target().isEmpty()) {
                throw Errors.at(c.origin(), "one of source, target required");
            }
            id = baseName(m.target());
        }
        String target = m.target().isEmpty() ? "/run/secrets/" + baseName(id) : m.target();
        String secretId = id;
        boolean fileOpts = m.uid() != null || m.gid() != null || m.mode() != null;
        return o -> o.secret(target, s -> {
            s.id(secretId);
            if (!m.required()) {
                s.optional();
            }
            if (fileOpts) {
                s.file(intOr(m.uid(), 0), intOr(m.gid(), 0), intOr(m.mode(), 0400));
            }
        });
    }

    private static Consumer<RunOptions> ssh(RunMount m, Instruction.Run c) throws ConversionException {
        if (!m.source().isEmpty()) {
            throw Errors.at(c.origin(), "ssh does not support source");
        }
        boolean fileOpts = m.uid() != null || m.gid() != null || m.mode() != null;
        return o -> o.ssh(s -> {
            s.id(m.cacheId());
            if (!m.target().isEmpty()) {
                s.target(m.target());
            }
            if (!m.required()) {
                s.optional();
            }
            if (fileOpts) {
                s.socket(m.target(), intOr(m.uid(), 0), intOr(m.gid(), 0), intOr(m.mode(), 0600));
            }
        });
    }

    private static int intOr(Long v, int fallback) {
        return v == null ? fallback : v.intValue();
    }

    private static String baseName(String p) {
        String cleaned = Paths.clean(p);
        if (cleaned.equals("/")) {
            return "/";
        }
        return cleaned.substring(cleaned.lastIndexOf('/') + 1);
    }
}
