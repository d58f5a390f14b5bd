package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.stream.Collectors;

/** Renders nodes as BuildKit's AST dump: {@code (name ["flags"…] "args"…)}. */
final class NodeDumper {

    private NodeDumper() {}

    static String dump(Node node) {
        return "(" + body(node) + ")";
    }

    private static String body(Node node) {
        StringBuilder out = new StringBuilder(node.command());
        if (!node.flags().isEmpty()) {
            out.append(node.flags().stream().map(Text::quote).collect(Collectors.joining(" ", " [", "]")));
        }
        for (Argument argument : node.arguments()) {
            out.append(' ').append(switch (argument) {
                case Argument.Text(String value) -> Text.quote(value);
                case Argument.Nested(Node inner) -> dump(inner);
            });
        }
        return Text.trimSpace(out.toString());
    }
}
