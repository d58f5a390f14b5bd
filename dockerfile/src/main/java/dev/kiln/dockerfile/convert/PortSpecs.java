package dev.kiln.dockerfile.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Docker's port specs ({@code 80}, {@code 53/udp}, {@code 8000-8002/tcp}, {@code ip:host:container}). */
final class PortSpecs {

    private PortSpecs() {}

    /** The exposed ports of one spec, as {@code port/proto}. */
    static List<String> parse(String spec) {
        String proto = "tcp";
        String rest = spec;
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            proto = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, slash);
        }
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            rest = rest.substring(colon + 1); // only the container port is exposed
        }
        if (!List.of("tcp", "udp", "sctp").contains(proto)) {
            throw new IllegalArgumentException("invalid proto: " + proto);
        }
        int dash = rest.indexOf('-');
        int from = port(dash < 0 ? rest : rest.substring(0, dash), spec);
        int to = dash < 0 ? from : port(rest.substring(dash + 1), spec);
        if (to < from) {
            throw new IllegalArgumentException("invalid range specified for container port: " + spec);
        }
        List<String> out = new ArrayList<>();
        for (int p = from; p <= to; p++) {
            out.add(p + "/" + proto);
        }
        return out;
    }

    private static int port(String s, String spec) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid containerPort: " + spec);
        }
    }
}
