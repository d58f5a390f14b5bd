package dev.kiln.dockerfile.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Decodes the fields BuildKit's image struct knows; {@code created} is dropped, as BuildKit does. */
final class ImageJsonReader {

    private ImageJsonReader() {}

    static Image read(JsonNode root) {
        Image img = new Image();
        img.author = text(root, "author");
        img.architecture = text(root, "architecture");
        img.os = text(root, "os");
        img.osVersion = text(root, "os.version");
        img.osFeatures = list(root.get("os.features"));
        img.variant = text(root, "variant");
        JsonNode rootfs = root.path("rootfs");
        img.rootfsType = text(rootfs, "type");
        img.diffIds = list(rootfs.get("diff_ids"));
        for (JsonNode h : root.path("history")) {
            img.history.add(new History(text(h, "created"), text(h, "created_by"), text(h, "author"),
                    text(h, "comment"), h.path("empty_layer").asBoolean()));
        }
        JsonNode c = root.path("config");
        if (c.isObject()) {
            img.config = config(c);
        }
        return img;
    }

    private static ImageConfig config(JsonNode c) {
        ImageConfig cfg = new ImageConfig();
        cfg.user = text(c, "User");
        cfg.exposedPorts = keys(c.get("ExposedPorts"));
        cfg.env = list(c.get("Env"));
        cfg.entrypoint = list(c.get("Entrypoint"));
        cfg.cmd = list(c.get("Cmd"));
        cfg.volumes = keys(c.get("Volumes"));
        cfg.workingDir = text(c, "WorkingDir");
        JsonNode labels = c.get("Labels");
        if (labels != null && labels.isObject()) {
            cfg.labels = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : labels.properties()) {
                cfg.labels.put(e.getKey(), e.getValue().asText());
            }
        }
        cfg.stopSignal = text(c, "StopSignal");
        JsonNode health = c.get("Healthcheck");
        if (health != null && health.isObject()) {
            cfg.healthcheck = HealthJson.read(health);
        }
        cfg.argsEscaped = c.path("ArgsEscaped").asBoolean();
        cfg.onBuild = list(c.get("OnBuild"));
        cfg.stopTimeout = c.hasNonNull("StopTimeout") ? c.get("StopTimeout").asInt() : null;
        cfg.shell = list(c.get("Shell"));
        return cfg;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** A JSON array of strings; null when absent or JSON null, like a Go nil slice. */
    private static List<String> list(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static SortedSet<String> keys(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        SortedSet<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
