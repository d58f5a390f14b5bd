package dev.kiln.dockerfile.image;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.dockerfile.instructions.HealthConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code config.Healthcheck}: durations as integer nanoseconds, zero fields omitted. */
final class HealthJson {

    private HealthJson() {}

    static void write(JsonGenerator g, HealthConfig h) throws IOException {
        g.writeObjectFieldStart("Healthcheck");
        ImageJson.optList(g, "Test", h.test());
        optLong(g, "Interval", h.interval());
        optLong(g, "Timeout", h.timeout());
        optLong(g, "StartPeriod", h.startPeriod());
        optLong(g, "Retries", h.retries());
        g.writeEndObject();
    }

    static HealthConfig read(JsonNode n) {
        List<String> test = new ArrayList<>();
        n.path("Test").forEach(t -> test.add(t.asText()));
        return new HealthConfig(test, n.path("Interval").asLong(), n.path("Timeout").asLong(),
                n.path("StartPeriod").asLong(), n.path("Retries").asInt());
    }

    private static void optLong(JsonGenerator g, String name, long v) throws IOException {
        if (v != 0) {
            g.writeNumberField(name, v);
        }
    }
}
