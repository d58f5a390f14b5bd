package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * A build stage: a FROM and the instructions up to the next one.
 *
 * @param name     the {@code AS} name, lower-cased, or empty
 * @param baseName the image or stage name as written (variables not yet expanded)
 * @param platform the {@code --platform} value as written, or empty
 */
public record Stage(String name, String baseName, String platform, List<Instruction> commands, Origin origin) {

    public Stage {
        commands = List.copyOf(commands);
    }
}
