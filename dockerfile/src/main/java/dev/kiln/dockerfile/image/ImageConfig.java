package dev.kiln.dockerfile.image;

import dev.kiln.dockerfile.instructions.HealthConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runtime part of an image config (Docker's extended OCI {@code config}), mutable while a
 * stage is converted. Null lists and maps are "unset", as Go's nil; {@code onBuild} keeps the
 * nil/empty difference because BuildKit writes it without {@code omitempty}.
 */
public final class ImageConfig {
    public String user = "";
    public SortedSet<String> exposedPorts;
    public List<String> env;
    public List<String> entrypoint;
    public List<String> cmd;
    public SortedSet<String> volumes;
    public String workingDir = "";
    public SortedMap<String, String> labels;
    public String stopSignal = "";
    public HealthConfig healthcheck;
    public boolean argsEscaped;
    public List<String> onBuild;
    public Integer stopTimeout;
    public List<String> shell;

    /** A deep copy: later changes to either side do not show in the other. */
    public ImageConfig copy() {
        ImageConfig c = new ImageConfig();
        c.user = user;
        c.exposedPorts = exposedPorts == null ? null : new TreeSet<>(exposedPorts);
        c.env = listCopy(env);
        c.entrypoint = listCopy(entrypoint);
        c.cmd = listCopy(cmd);
        c.volumes = volumes == null ? null : new TreeSet<>(volumes);
        c.workingDir = workingDir;
        c.labels = labels == null ? null : new TreeMap<>(labels);
        c.stopSignal = stopSignal;
        c.healthcheck = healthcheck;
        c.argsEscaped = argsEscaped;
        c.onBuild = listCopy(onBuild);
        c.stopTimeout = stopTimeout;
        c.shell = listCopy(shell);
        return c;
    }

    static List<String> listCopy(List<String> l) {
        return l == null ? null : new ArrayList<>(l);
    }
}
