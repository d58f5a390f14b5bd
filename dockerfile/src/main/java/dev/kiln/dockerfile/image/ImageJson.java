package dev.kiln.dockerfile.image;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Image config JSON in BuildKit's exact form: the field order of Go's {@code ocispecs.Image} with
 * Docker's config extensions, {@code omitempty} where Go has it, maps sorted, Go escaping.
 */
public final class ImageJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImageJson() {}

    /** Reads a registry image config; unknown fields are dropped, as Go's decoder does. */
    public static Image read(byte[] json) throws IOException {
        return ImageJsonReader.read(MAPPER.readTree(json));
    }

    public static byte[] write(Image img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(new GoJsonEscapes());
            g.writeStartObject();
            optString(g, "author", img.author);
            g.writeStringField("architecture", img.architecture);
            g.writeStringField("os", img.os);
            optString(g, "os.version", img.osVersion);
            optList(g, "os.features", img.osFeatures);
            g.writeObjectFieldStart("rootfs");
            g.writeStringField("type", img.rootfsType);
            nullableList(g, "diff_ids", img.diffIds);
            g.writeEndObject();
            history(g, img.history);
            config(g, img.config);
            optString(g, "variant", img.variant);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Parses JSON into a tree, for comparisons in tests and tools. */
    public static JsonNode tree(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    private static void history(JsonGenerator g, List<History> history) throws IOException {
        if (history.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("history");
        for (History h : history) {
            g.writeStartObject();
            optString(g, "created", h.created());
            optString(g, "created_by", h.createdBy());
            optString(g, "author", h.author());
            optString(g, "comment", h.comment());
            if (h.emptyLayer()) {
                g.writeBooleanField("empty_layer", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void config(JsonGenerator g, ImageConfig c) throws IOException {
        g.writeObjectFieldStart("config");
        optString(g, "User", c.user);
        optSet(g, "ExposedPorts", c.exposedPorts);
        optList(g, "Env", c.env);
        optList(g, "Entrypoint", c.entrypoint);
        optList(g, "Cmd", c.cmd);
        optSet(g, "Volumes", c.volumes);
        optString(g, "WorkingDir", c.workingDir);
        if (c.labels != null && !c.labels.isEmpty()) {
            g.writeObjectFieldStart("Labels");
            for (Map.Entry<String, String> e : c.labels.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        optString(g, "StopSignal", c.stopSignal);
        if (c.healthcheck != null) {
            HealthJson.write(g, c.healthcheck);
        }
        if (c.argsEscaped) {
            g.writeBooleanField("ArgsEscaped", true);
        }
        nullableList(g, "OnBuild", c.onBuild);
        if (c.stopTimeout != null) {
            g.writeNumberField("StopTimeout", c.stopTimeout);
        }
        optList(g, "Shell", c.shell);
        g.writeEndObject();
    }

    static void optString(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    static void optList(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            writeList(g, name, values);
        }
    }

    private static void nullableList(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values == null) {
            g.writeNullField(name);
        } else {
            writeList(g, name, values);
        }
    }

    private static void writeList(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** A Go {@code map[string]struct{}}: keys sorted, each value {@code {}}. */
    private static void optSet(JsonGenerator g, String name, java.util.Set<String> keys) throws IOException {
        if (keys == null || keys.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (String k : keys) {
            g.writeObjectFieldStart(k);
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
