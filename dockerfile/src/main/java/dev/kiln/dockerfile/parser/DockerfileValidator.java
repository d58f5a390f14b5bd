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
            validate(node, node);
        }
    }

    private static void validate(Node node, Node located) throws DockerfileParseException {
        Optional<String> problem = InstructionRules.check(node);
        if (problem.isPresent()) {
            throw new DockerfileParseException(problem.get(), located.startLine(), located.endLine());
        }
        Optional<Node> trigger = node.trigger();
        if (trigger.isPresent()) {
            validate(trigger.get(), located);
        }
    }
}
