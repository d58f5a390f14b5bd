package dev.kiln.dockerfile.instructions;

import dev.kiln.dockerfile.parser.DockerfileValidator;
import dev.kiln.dockerfile.parser.Node;
import dev.kiln.dockerfile.parser.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks, groups into stages and types each parsed instruction, in file order (BuildKit's
 * {@code instructions.Parse}), so the first bad instruction is the one reported. Errors read like
 * BuildKit's: {@code dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)}.
 */
public final class InstructionsParser {

    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    private InstructionsParser() {}

    public static ParsedDockerfile parse(ParseResult result) throws InstructionException {
        List<Instruction.Arg> metaArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        StageBuilder current = null;
        for (Node node : result.instructions()) {
            Optional<String> problem = DockerfileValidator.problem(node);
            if (problem.isPresent()) {
                throw parseError(node, problem.get());
            }
            if (node.command().equals("from")) {
                if (current != null) {
                    stages.add(current.build());
                }
                current = from(node);
                continue;
            }
            Instruction instruction;
            try {
                instruction = typed(node);
            } catch (InstructionException e) {
                throw parseError(node, e.getMessage());
            }
            if (current != null) {
                current.commands.add(instruction);
            } else if (instruction instanceof Instruction.Arg arg) {
                metaArgs.add(arg);
            } else {
                // BuildKit locates this one but does not call it a parse error.
                throw new InstructionException("no build stage in current context", node.startLine(), node.endLine());
            }
        }
        if (current != null) {
            stages.add(current.build());
        }
        return new ParsedDockerfile(metaArgs, stages, result.escapeToken());
    }

    /**
     * Checks and types one instruction (not FROM), as BuildKit does for an ONBUILD trigger of a base
     * image: the message is the problem alone, located at the node's lines.
     */
    public static Instruction parseInstruction(Node node) throws InstructionException {
        Optional<String> problem = DockerfileValidator.problem(node);
        if (problem.isPresent()) {
            throw new InstructionException(problem.get(), node.startLine(), node.endLine());
        }
        return typed(node);
    }

    private static Instruction typed(Node node) throws InstructionException {
        try {
            return CommandParsers.parse(node);
        } catch (Flags.FlagException | IllegalArgumentException e) {
            throw new InstructionException(e.getMessage(), node.startLine(), node.endLine());
        }
    }

    private static StageBuilder from(Node node) throws InstructionException {
        Flags flags;
        try {
            flags = new Flags().string("platform").parse(node.flags());
        } catch (Flags.FlagException e) {
            throw parseError(node, e.getMessage());
        }
        List<String> words = node.words();
        String name = "";
        if (words.size() == 3) {
            name = words.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw parseError(node, "invalid name for build stage: \"" + words.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
        }
        return new StageBuilder(name, words.getFirst(), flags.value("platform"), CommandParsers.origin(node));
    }

    /** BuildKit's {@code parseError}: every instruction that fails to parse is named by its first line. */
    private static InstructionException parseError(Node node, String message) {
        return new InstructionException("dockerfile parse error on line " + node.startLine() + ": " + message,
                node.startLine(), node.endLine());
    }

    private static final class StageBuilder {
        final String name;
        final String baseName;
        final String platform;
        final Origin origin;
        final List<Instruction> commands = new ArrayList<>();

        StageBuilder(String name, String baseName, String platform, Origin origin) {
            this.name = name;
            this.baseName = baseName;
            this.platform = platform;
            this.origin = origin;
        }

        Stage build() {
            return new Stage(name, baseName, platform, commands, origin);
        }
    }
}
