package dev.kiln.dockerfile.instructions;

import dev.kiln.dockerfile.parser.Suggestions;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a {@code --mount} value ({@code type=cache,target=/x,…}, CSV) like BuildKit's
 * {@code parseMount}. Without an expander only the shape is checked, as at parse time.
 */
public final class RunMountParser {

    /** In BuildKit's order, which decides between equally close "did you mean" hints. */
    private static final List<String> TYPES = List.of(RunMount.BIND, RunMount.CACHE, RunMount.TMPFS, RunMount.SECRET,
            RunMount.SSH);
    private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id", "sharing",
            "required", "mode", "uid", "gid", "src", "dst", "ro", "rw", "readwrite");
    private static final Set<String> SHARING = Set.of("shared", "private", "locked");
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    private RunMountParser() {}

    /** A mutable draft, frozen into a {@link RunMount} at the end. */
    private static final class Draft {
        String type = RunMount.BIND;
        String from = "";
        String source = "";
        String target = "";
        boolean readOnly;
        boolean roAuto = true;
        String cacheId = "";
        String sharing = "";
        boolean required;
        long size;
        Long mode;
        Long uid;
        Long gid;
    }

    /** Checks the shape only (parse time): values other than {@code type} are not evaluated. */
    static void checkShape(String value) {
        try {
            parse(value, null);
        } catch (ShellExpansionException e) {
            throw new IllegalStateException("no expansion happens without an expander", e);
        }
    }

    public static RunMount parse(String value, WordExpander expander) throws ShellExpansionException {
        Draft m = new Draft();
        for (String field : csv(value)) {
            String[] parts = field.split("=", 2);
            String key = parts[0].toLowerCase(Locale.ROOT);
            if (parts.length == 1 && flag(m, key)) {
                continue;
            }
            if (parts.length != 2) {
                throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
            }
            String v = parts[1];
            if (key.equals("from") && v.matches("(?s).*\\$.+")) {
                throw new IllegalArgumentException("'from' doesn't support variable expansion, define alias stage instead");
            }
            if (expander != null) {
                v = key.equals("from") ? v : expander.expand(v);
            } else if (!key.equals("type") && !key.equals("from")) {
                continue; // evaluated when the RUN is converted and variables are known
            }
            option(m, key, v, field);
        }
        return finish(m);
    }

    private static boolean flag(Draft m, String key) {
        switch (key) {
            case "readonly", "ro" -> m.readOnly = true;
            case "readwrite", "rw" -> m.readOnly = false;
            case "required" -> {
                requireType(m, key, RunMount.SECRET, RunMount.SSH);
                m.required = true;
            }
            default -> {
                return false;
            }
        }
        if (!key.equals("required")) {
            m.roAuto = false;
        }
        return true;
    }

    private static void option(Draft m, String key, String v, String field) {
        switch (key) {
            case "type" -> {
                if (!TYPES.contains(v.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(
                            Suggestions.withHint("unsupported mount type \"" + v + "\"", v, TYPES, true));
                }
                m.type = v.toLowerCase(Locale.ROOT);
            }
            case "from" -> m.from = v;
            case "source", "src" -> m.source = v;
            case "target", "dst", "destination" -> m.target = v;
            case "readonly", "ro" -> {
                m.readOnly = bool(key, v);
                m.roAuto = false;
            }
            case "readwrite", "rw" -> {
                m.readOnly = !bool(key, v);
                m.roAuto = false;
            }
            case "required" -> {
                requireType(m, key, RunMount.SECRET, RunMount.SSH);
                m.required = bool(key, v);
            }
            case "size" -> {
                requireType(m, key, RunMount.TMPFS);
                m.size = byteSize(v);
            }
            case "id" -> m.cacheId = v;
            case "sharing" -> m.sharing = sharing(v);
            case "mode" -> m.mode = number(v, 8, "mode");
            case "uid" -> m.uid = number(v, 10, "uid");
            case "gid" -> m.gid = number(v, 10, "gid");
            default -> throw new IllegalArgumentException(
                    Suggestions.withHint("unexpected key '" + key + "' in '" + field + "'", key, KEYS, true));
        }
    }

    private static RunMount finish(Draft m) {
        boolean fileInfoAllowed = Set.of(RunMount.SECRET, RunMount.SSH, RunMount.CACHE).contains(m.type);
        if (!fileInfoAllowed && (m.mode != null || m.uid != null || m.gid != null)) {
            String what = m.mode != null ? "mode" : m.uid != null ? "uid" : "gid";
            throw new IllegalArgumentException(what + " not allowed for \"" + m.type + "\" type mounts");
        }
        if (m.roAuto) {
            m.readOnly = !m.type.equals(RunMount.CACHE) && !m.type.equals(RunMount.TMPFS);
        }
        if (!m.sharing.isEmpty() && !m.type.equals(RunMount.CACHE)) {
            throw new IllegalArgumentException("invalid cache sharing set for " + m.type + " mount");
        }
        if (m.type.equals(RunMount.SECRET)) {
            if (!m.from.isEmpty()) {
                throw new IllegalArgumentException("secret mount should not have a from");
            }
            if (!m.source.isEmpty() && !m.cacheId.isEmpty()) {
                throw new IllegalArgumentException("both source and id can't be set");
            }
        }
        return new RunMount(m.type, m.from, m.source, m.target, m.readOnly, m.cacheId, m.sharing, m.required, m.size,
                m.mode, m.uid, m.gid);
    }

    private static void requireType(Draft m, String key, String... types) {
        if (!List.of(types).contains(m.type)) {
            throw new IllegalArgumentException("unexpected key '" + key + "' for mount type '" + m.type + "'");
        }
    }

    private static boolean bool(String key, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw new IllegalArgumentException("invalid value for " + key + ": " + v);
        };
    }

    private static String sharing(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (!SHARING.contains(s)) {
            throw new IllegalArgumentException("unsupported sharing value \"" + v + "\"");
        }
        return s;
    }

    private static Long number(String v, int radix, String what) {
        try {
            return Long.parseLong(v, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value " + v + " for " + what);
        }
    }

    /** Docker's {@code units.RAMInBytes}: {@code 64m} is 64 MiB. */
    static long byteSize(String v) {
        Matcher mt = SIZE.matcher(v);
        if (!mt.matches()) {
            throw new IllegalArgumentException("invalid size: '" + v + "'");
        }
        double n = Double.parseDouble(mt.group(1));
        String unit = mt.group(2) == null ? "" : mt.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        return (long) (n * (1L << shift));
    }

    /** One CSV record: comma-separated fields, double quotes group (and {@code ""} escapes a quote). */
    static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
