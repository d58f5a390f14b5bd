package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * A Dockerfile as typed instructions.
 *
 * @param metaArgs    ARG instructions before the first FROM
 * @param stages      the stages in file order
 * @param escapeToken the escape character in effect
 */
public record ParsedDockerfile(List<Instruction.Arg> metaArgs, List<Stage> stages, char escapeToken) {

    public ParsedDockerfile {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
    }
}
