package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.instructions.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Instructions that change only the image config (and the values later steps inherit): ENV,
 * LABEL, USER, VOLUME, STOPSIGNAL, MAINTAINER, ONBUILD and SHELL.
 */
final class ConfigInstructions {

    private ConfigInstructions() {}

    static void env(StageState d, Instruction.Env c) {
        StringBuilder msg = new StringBuilder("ENV");
        for (KeyValue e : c.pairs()) {
            msg.append(' ').append(e);
            d.state = d.state.addEnv(e.key(), e.value());
            d.image.config.env = addEnv(d.image.config.env, e.key(), e.value());
        }
        Histories.config(d, msg.toString());
    }

    /** Replaces {@code key}'s entry in place, or appends one, as BuildKit's image env does. */
    static List<String> addEnv(List<String> env, String key, String value) {
        List<String> out = env == null ? new ArrayList<>() : new ArrayList<>(env);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).split("=", 2)[0].equals(key)) {
                out.set(i, key + "=" + value);
                return out;
            }
        }
        out.add(key + "=" + value);
        return out;
    }

    static void label(StageState d, Instruction.Label c) {
        StringBuilder msg = new StringBuilder("LABEL");
        if (d.image.config.labels == null) {
            d.image.config.labels = new TreeMap<>();
        }
        for (KeyValue kv : c.pairs()) {
            d.image.config.labels.put(kv.key(), kv.value());
            msg.append(' ').append(kv);
        }
        Histories.config(d, msg.toString());
    }

    static void user(StageState d, Instruction.User c) {
        d.state = d.state.user(c.user());
        d.image.config.user = c.user();
        Histories.config(d, "USER " + c.user());
    }

    static void volume(StageState d, Instruction.Volume c) throws ConversionException {
        if (d.image.config.volumes == null) {
            d.image.config.volumes = new TreeSet<>();
        }
        for (String v : c.volumes()) {
            if (v.isEmpty()) {
                throw Errors.at(c.origin(), "VOLUME specified can not be an empty string");
            }
            d.image.config.volumes.add(v);
        }
        Histories.config(d, "VOLUME " + GoFormat.list(c.volumes()));
    }

    static void stopSignal(StageState d, Instruction.StopSignal c) throws ConversionException {
        if (!Signals.isValid(c.signal())) {
            throw Errors.at(c.origin(), "Invalid signal: " + c.signal());
        }
        d.image.config.stopSignal = c.signal();
        Histories.config(d, "STOPSIGNAL " + c.signal());
    }

    static void maintainer(StageState d, Instruction.Maintainer c) {
        d.image.author = c.maintainer();
        Histories.config(d, "MAINTAINER " + c.maintainer());
    }

    /** Recorded for images built FROM this one; not run here and not in history. */
    static void onbuild(StageState d, Instruction.Onbuild c) {
        if (d.image.config.onBuild == null) {
            d.image.config.onBuild = new ArrayList<>();
        }
        d.image.config.onBuild.add(c.expression());
    }

    static void shell(StageState d, Instruction.Shell c) {
        d.image.config.shell = new ArrayList<>(c.shell());
        Histories.config(d, "SHELL " + GoFormat.list(c.shell()));
    }
}
