package dev.kiln.dockerfile.parser;

import java.util.Optional;

/**
 * Instruction-level checks that BuildKit applies after parsing (argument counts,
 * known instructions, HEALTHCHECK types, SHELL in JSON form). The parser accepts
 * these files; building from them must still fail, with the offending line named.
 */
public final class DockerfileValidator {

    private DockerfileValidator() {}

    /** Throws for the first instruction that cannot be built. */
    public static void validate(ParseResult result) throws DockerfileParseException {
        for (Node node : result.instructions()) {
            Optional<String> problem = problem(node);
            if (problem.isPresent()) {
                throw new DockerfileParseException(problem.get(), node.startLine(), node.endLine());
            }
        }
    }

    /**
     * What is wrong with one instruction (or its ONBUILD trigger), in BuildKit's words and without
     * the location; empty when it can be built.
     */
    public static Optional<String> problem(Node node) {
        Optional<String> problem = InstructionRules.check(node);
        if (problem.isPresent()) {
            return problem;
        }
        return node.trigger().flatMap(DockerfileValidator::problem);
    }
}
