package dev.kiln.bench;

/**
 * A deterministic Dockerfile of a given number of instructions: three stages (two builders and
 * a final stage copying from both) mixing RUN, ENV, ARG, COPY, WORKDIR and LABEL, with variable
 * references so expansion is exercised. The same size always yields the same text.
 */
public final class GeneratedDockerfile {

    private static final int STAGES = 3;

    private GeneratedDockerfile() {}

    /** A Dockerfile of exactly {@code instructions} instructions (FROM lines included). */
    public static String of(int instructions) {
        if (instructions < STAGES) {
            throw new IllegalArgumentException("need at least one instruction per stage: " + instructions);
        }
        StringBuilder out = new StringBuilder("# syntax=docker/dockerfile:1\n");
        int perStage = instructions / STAGES;
        for (int stage = 0; stage < STAGES; stage++) {
            int count = stage == STAGES - 1 ? instructions - perStage * (STAGES - 1) : perStage;
            stage(out, stage, count);
        }
        return out.toString();
    }

    private static void stage(StringBuilder out, int stage, int count) {
        out.append("FROM ").append(stage == 0 ? "base:1" : stage == 1 ? "scratch" : "base:1")
                .append(" AS s").append(stage).append('\n');
        for (int i = 1; i < count; i++) {
            out.append(instruction(stage, i)).append('\n');
        }
    }

    private static String instruction(int stage, int i) {
        return switch (i % 6) {
            case 0 -> "RUN --mount=type=cache,target=/cache/" + i + " echo step " + i + " $V" + (i - 3)
                    + " && test -n \"${A" + (i - 2) + ":-default}\"";
            case 1 -> "ENV V" + i + "=value-" + i + " PATH_" + i + "=/opt/" + stage + "/bin:$PATH";
            case 2 -> "ARG A" + i + "=arg-" + i;
            case 3 -> copy(stage, i);
            case 4 -> "WORKDIR /work/" + stage + "/dir" + i + "/${V" + (i - 3) + "}";
            default -> "LABEL org.example.step" + i + "=\"label ${A" + (i - 3) + "}\" stage=s" + stage;
        };
    }

    private static String copy(int stage, int i) {
        if (stage == 2 && i % 4 == 3) {
            return "COPY --from=s" + (i % 8 == 3 ? 0 : 1) + " /work/out" + i + " /app/" + i + "/";
        }
        return "COPY --chown=1000:1000 src/dir" + i + "/*.txt ./files" + i + "/";
    }
}
