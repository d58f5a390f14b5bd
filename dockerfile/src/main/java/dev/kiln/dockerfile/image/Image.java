package dev.kiln.dockerfile.image;

import java.util.ArrayList;
import java.util.List;

/**
 * An image config as BuildKit's Dockerfile frontend keeps it while converting: the base image's
 * config, then changed step by step. Mutable; {@link #copy()} before sharing between stages.
 */
public final class Image {
    public String author = "";
    public String architecture = "";
    public String os = "";
    public String osVersion = "";
    public List<String> osFeatures;
    public String variant = "";
    public String rootfsType = "";
    /** Layer diff ids of the base image; null when the base has none (scratch). */
    public List<String> diffIds;
    public final List<History> history = new ArrayList<>();
    public ImageConfig config = new ImageConfig();

    /** The image of {@code FROM scratch} for a platform: PATH set, working dir {@code /}. */
    public static Image empty(String os, String architecture, String variant) {
        Image img = new Image();
        img.os = os;
        img.architecture = architecture;
        img.variant = variant;
        img.rootfsType = "layers";
        img.config.workingDir = "/";
        img.config.env = new ArrayList<>(List.of("PATH=" + defaultPath(os)));
        return img;
    }

    /** BuildKit's {@code system.DefaultPathEnv}: empty for Windows, the usual Unix path otherwise. */
    public static String defaultPath(String os) {
        return os.equals("windows") ? "" : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    }

    public Image copy() {
        Image img = new Image();
        img.author = author;
        img.architecture = architecture;
        img.os = os;
        img.osVersion = osVersion;
        img.osFeatures = ImageConfig.listCopy(osFeatures);
        img.variant = variant;
        img.rootfsType = rootfsType;
        img.diffIds = ImageConfig.listCopy(diffIds);
        img.history.addAll(history);
        img.config = config.copy();
        return img;
    }
}
