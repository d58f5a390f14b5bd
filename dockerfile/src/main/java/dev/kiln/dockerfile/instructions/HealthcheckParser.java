package dev.kiln.dockerfile.instructions;

import dev.kiln.dockerfile.parser.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** HEALTHCHECK NONE | HEALTHCHECK [--interval … --retries …] CMD command. */
final class HealthcheckParser {

    private static final long MIN_INTERVAL = 1_000_000L; // 1ms, as Docker enforces

    private HealthcheckParser() {}

    static Instruction.Healthcheck parse(Node node, Origin o) throws Flags.FlagException {
        List<String> words = node.words();
        String type = words.getFirst().toUpperCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        if (type.equals("NONE")) {
            new Flags().parse(node.flags());
            return new Instruction.Healthcheck(new HealthConfig(List.of("NONE"), 0, 0, 0, 0), o);
        }
        Flags f = new Flags().string("interval").string("timeout").string("start-period").string("retries")
                .parse(node.flags());
        List<String> test = new ArrayList<>();
        test.add(node.json() ? type : "CMD-SHELL");
        test.addAll(args);
        int retries = 0;
        if (!f.value("retries").isEmpty()) {
            retries = Integer.parseInt(f.value("retries"));
            if (retries < 1) {
                throw new IllegalArgumentException("--retries must be at least 1 (not " + retries + ")");
            }
        }
        return new Instruction.Healthcheck(new HealthConfig(test, interval(f, "interval"), interval(f, "timeout"),
                interval(f, "start-period"), retries), o);
    }

    private static long interval(Flags f, String name) {
        String v = f.value(name);
        if (v.isEmpty()) {
            return 0;
        }
        long d = GoDuration.parse(v);
        if (d != 0 && d < MIN_INTERVAL) {
            throw new IllegalArgumentException("Interval \"" + name + "\" cannot be less than 1ms");
        }
        return d;
    }
}
