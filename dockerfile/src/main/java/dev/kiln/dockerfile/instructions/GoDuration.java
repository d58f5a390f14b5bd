package dev.kiln.dockerfile.instructions;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} and {@code Duration.String}, for HEALTHCHECK durations. */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {}

    /** Nanoseconds of {@code text} such as {@code 1m30s}, {@code 1.5h} or {@code 0}. */
    public static long parse(String text) {
        String s = text;
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        Matcher m = PART.matcher(s);
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
                throw invalid(text);
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNITS.get(m.group(2)))));
            pos = m.end();
        }
        long nanos = total.longValue();
        return negative ? -nanos : nanos;
    }

    /** Go's {@code Duration.String()}: {@code 30s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}, {@code 0s}. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u < 1_000_000_000L) {
            return sign + small(u);
        }
        StringBuilder out = new StringBuilder(sign);
        long hours = u / 3_600_000_000_000L;
        long minutes = u / 60_000_000_000L % 60;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(fraction(u % 60_000_000_000L, 1_000_000_000L)).append('s').toString();
    }

    private static String small(long u) {
        if (u < 1_000) {
            return u + "ns";
        }
        if (u < 1_000_000) {
            return fraction(u, 1_000) + "µs";
        }
        return fraction(u, 1_000_000) + "ms";
    }

    private static String fraction(long value, long unit) {
        BigDecimal d = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
