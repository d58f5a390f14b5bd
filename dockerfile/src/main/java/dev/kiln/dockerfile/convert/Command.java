package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * An instruction with the stages it reads from: COPY {@code --from} (one source) or RUN
 * {@code --mount from=} (one entry per mount, null where the mount has none).
 */
record Command(Instruction instruction, List<StageState> sources) {

    Command {
        sources = new ArrayList<>(sources); // may hold nulls
    }

    @Override
    public List<StageState> sources() {
        return java.util.Collections.unmodifiableList(sources);
    }
}
