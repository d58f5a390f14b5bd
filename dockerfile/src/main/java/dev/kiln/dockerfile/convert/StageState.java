package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.Image;
import dev.kiln.dockerfile.instructions.ArgDecl;
import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The conversion state of one stage (BuildKit's {@code dispatchState}): the LLB state built so
 * far, the image config, and the bookkeeping for step names and context paths. Mutable; owned by
 * one conversion.
 */
final class StageState {
    final Stage stage;
    /** The base name after ARG expansion (later pinned to a digest). */
    String baseName;
    String stageName;
    State state = State.scratch();
    Image image = new Image();
    Platform platform;
    StageState base;
    final Set<StageState> deps = new LinkedHashSet<>();
    final List<ArgDecl> buildArgs = new ArrayList<>();
    final List<Command> commands = new ArrayList<>();
    final Set<String> ctxPaths = new LinkedHashSet<>();
    /** Global args the stage's FROM line (name or platform) expanded. */
    final Set<String> usedMetaArgs = new LinkedHashSet<>();
    boolean ignoreCache;
    boolean cmdSet;
    boolean unregistered;
    /** Replaced by a named context: not dispatched, its state is the context's. */
    boolean noinit;
    boolean resolved;
    /** Set when the stage's instructions start converting; a stage may only copy from earlier ones. */
    boolean dispatched;
    int cmdIndex;
    int cmdTotal;

    StageState(Stage stage, String baseName) {
        this.stage = stage;
        this.baseName = baseName;
        this.stageName = stage.name();
    }

    /** A stage that exists only as a COPY/RUN source, e.g. {@code COPY --from=alpine}. */
    static StageState unregistered(String from, Stage placeholder) {
        StageState s = new StageState(placeholder, from);
        s.unregistered = true;
        return s;
    }
}
