package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The argument rules of each instruction; messages follow BuildKit's wording. */
final class InstructionRules {

    /** Every instruction keyword, the options for a "did you mean" hint. */
    private static final List<String> INSTRUCTIONS = List.of("add", "arg", "cmd", "copy", "entrypoint", "env",
            "expose", "from", "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user",
            "volume", "workdir");

    private InstructionRules() {}

    /** A description of what is wrong with the instruction, or empty when it is acceptable. */
    static Optional<String> check(Node node) {
        String upper = node.command().toUpperCase(Locale.ROOT);
        List<String> words = node.words();
        return Optional.ofNullable(switch (node.command()) {
            case "from" -> from(words);
            case "env", "label" -> keyValues(upper, words);
            case "arg", "expose" -> atLeastOne(upper, words);
            case "volume" -> volume(words);
            case "add", "copy" -> sourcesAndDestination(upper, words);
            case "workdir", "user", "stopsignal", "maintainer" -> words.size() == 1 ? null
                    : upper + " requires exactly one argument";
            case "shell" -> shell(node, words);
            case "healthcheck" -> healthcheck(words);
            case "onbuild" -> onbuild(node);
            case "run", "cmd", "entrypoint" -> null;
            default -> unknownInstruction(node.name());
        });
    }

    /** BuildKit's wording: the name as written, and the instruction it is probably a typo of. */
    static String unknownInstruction(String name) {
        return Suggestions.withHint("unknown instruction: " + name, name, INSTRUCTIONS, false);
    }

    private static String from(List<String> words) {
        boolean named = words.size() == 3 && words.get(1).equalsIgnoreCase("as");
        return words.size() == 1 || named ? null : "FROM requires either one or three arguments";
    }

    private static String onbuild(Node node) {
        if (node.trigger().isEmpty()) {
            return "ONBUILD requires at least one argument";
        }
        String trigger = node.trigger().get().command();
        return switch (trigger) {
            case "onbuild" -> "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed";
            case "from", "maintainer" -> trigger.toUpperCase(Locale.ROOT) + " isn't allowed as an ONBUILD trigger";
            default -> null;
        };
    }

    private static String keyValues(String upper, List<String> words) {
        if (words.isEmpty()) {
            return upper + " requires at least one argument";
        }
        if (words.size() % 3 != 0) {
            return "Bad input to " + upper + ", too many arguments";
        }
        for (int i = 0; i < words.size(); i += 3) {
            if (words.get(i).isEmpty()) {
                return upper + " names can not be blank";
            }
        }
        return null;
    }

    private static String atLeastOne(String upper, List<String> words) {
        return words.isEmpty() ? upper + " requires at least one argument" : null;
    }

    private static String volume(List<String> words) {
        if (words.isEmpty()) {
            return "VOLUME requires at least one argument";
        }
        return words.stream().anyMatch(w -> Text.trimSpace(w).isEmpty())
                ? "VOLUME specified can not be an empty string" : null;
    }

    private static String sourcesAndDestination(String upper, List<String> words) {
        return switch (words.size()) {
            case 0 -> upper + " requires at least two arguments";
            case 1 -> upper + " requires at least two arguments, but only one was provided. "
                    + "Destination could not be determined.";
            default -> null;
        };
    }

    private static String shell(Node node, List<String> words) {
        if (words.isEmpty()) {
            return "SHELL requires at least one argument";
        }
        return node.json() ? null : "SHELL requires the arguments to be in JSON form";
    }

    private static String healthcheck(List<String> words) {
        if (words.isEmpty()) {
            return "HEALTHCHECK requires an argument";
        }
        String type = words.getFirst().toUpperCase(Locale.ROOT);
        return switch (type) {
            case "NONE" -> words.size() == 1 ? null : "HEALTHCHECK NONE takes no arguments";
            case "CMD" -> words.size() > 1 ? null : "Missing command after HEALTHCHECK CMD";
            default -> "Unknown type " + Text.quote(type) + " in HEALTHCHECK (try CMD)";
        };
    }
}
