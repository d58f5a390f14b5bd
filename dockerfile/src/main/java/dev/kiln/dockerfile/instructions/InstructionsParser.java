package dev.kiln.dockerfile.instructions;

import dev.kiln.dockerfile.parser.Node;
import dev.kiln.dockerfile.parser.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Groups parsed instructions into stages and types each one (BuildKit's {@code instructions.Parse}).
 * Errors read like BuildKit's: {@code dockerfile parse error line 3: unknown flag: foo}.
 */
public final class InstructionsParser {

    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    private InstructionsParser() {}

    public static ParsedDockerfile parse(ParseResult result) throws InstructionException {
        List<Instruction.Arg> metaArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        StageBuilder current = null;
        for (Node node : result.instructions()) {
            if (node.command().equals("from")) {
                if (current != null) {
                    stages.add(current.build());
                }
                current = from(node);
                continue;
            }
            Instruction instruction = parseInstruction(node);
            if (current != null) {
                current.commands.add(instruction);
            } else if (instruction instanceof Instruction.Arg arg) {
                metaArgs.add(arg);
            } else {
                throw error(node, "no build stage in current context");
            }
        }
        if (current != null) {
            stages.add(current.build());
        }
        return new ParsedDockerfile(metaArgs, stages, result.escapeToken());
    }

    /** Types one instruction (not FROM); used for stage bodies and ONBUILD triggers. */
    public static Instruction parseInstruction(Node node) throws InstructionException {
        try {
            return CommandParsers.parse(node);
        } catch (Flags.FlagException | IllegalArgumentException e) {
            throw error(node, e.getMessage());
        }
    }

    private static StageBuilder from(Node node) throws InstructionException {
        Flags flags;
        try {
            flags = new Flags().string("platform").parse(node.flags());
        } catch (Flags.FlagException e) {
            throw error(node, e.getMessage());
        }
        List<String> words = node.words();
        String name = "";
        if (words.size() == 3) {
            name = words.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw error(node, "invalid name for build stage: \"" + words.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
        }
        return new StageBuilder(name, words.getFirst(), flags.value("platform"), CommandParsers.origin(node));
    }

    private static InstructionException error(Node node, String message) {
        return new InstructionException("dockerfile parse error line " + node.startLine() + ": " + message,
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
