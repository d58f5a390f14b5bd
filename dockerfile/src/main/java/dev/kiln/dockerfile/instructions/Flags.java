package dev.kiln.dockerfile.instructions;

import dev.kiln.dockerfile.parser.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --name[=value]} flags an instruction accepts, parsed like BuildKit's {@code BFlags}:
 * unknown names, missing values, bad booleans and repeated single flags are errors.
 */
final class Flags {

    private enum Kind { STRING, BOOL, STRINGS }

    private final Map<String, Kind> declared = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new HashMap<>();

    Flags string(String name) {
        declared.put(name, Kind.STRING);
        return this;
    }

    Flags bool(String name) {
        declared.put(name, Kind.BOOL);
        return this;
    }

    Flags strings(String name) {
        declared.put(name, Kind.STRINGS);
        return this;
    }

    /** Parses {@code args} (as the parser extracted them, quotes removed); throws with BuildKit's wording. */
    Flags parse(List<String> args) throws FlagException {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new FlagException("arg should start with -- : " + arg);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            Kind kind = declared.get(name);
            if (kind == null) {
                throw new FlagException(Suggestions.withHint("unknown flag: " + name, name,
                        List.copyOf(declared.keySet()), true));
            }
            if (values.containsKey(name) && kind != Kind.STRINGS) {
                throw new FlagException("duplicate flag specified: " + name);
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(checked(name, kind, eq < 0 ? null : body.substring(eq + 1)));
        }
        return this;
    }

    private static String checked(String name, Kind kind, String raw) throws FlagException {
        if (kind != Kind.BOOL) {
            if (raw == null) {
                throw new FlagException("missing a value on flag: " + name);
            }
            return raw;
        }
        String v = raw == null ? "true" : raw.toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new FlagException("expecting boolean value for flag " + name + ", not: " + raw);
        }
        return v;
    }

    String value(String name) {
        List<String> v = values.get(name);
        return v == null ? "" : v.getFirst();
    }

    boolean isTrue(String name) {
        return value(name).equals("true");
    }

    List<String> values(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /** A flag problem; the caller adds the line. */
    static final class FlagException extends Exception {
        FlagException(String message) {
            super(message);
        }
    }
}
