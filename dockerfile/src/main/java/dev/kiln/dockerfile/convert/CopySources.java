package dev.kiln.dockerfile.convert;

import dev.kiln.llb.Digest;
import dev.kiln.llb.OpOptions;
import dev.kiln.llb.State;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.function.Consumer;

/** Remote ADD sources: HTTP(S) files and Git repositories. */
final class CopySources {

    private CopySources() {}

    /** A remote source and the path to copy from it. */
    record Remote(State state, String path) {}

    static boolean isHttp(String src) {
        return src.startsWith("http://") || src.startsWith("https://");
    }

    /**
     * Git remotes BuildKit recognises in ADD: {@code git://}, {@code ssh://}, {@code git@host:path}
     * and HTTP(S) URLs ending in {@code .git} (a {@code #ref[:subdir]} fragment may follow).
     */
    static boolean isGit(String src) {
        String base = src.contains("#") ? src.substring(0, src.indexOf('#')) : src;
        return src.startsWith("git://") || src.startsWith("ssh://") || src.startsWith("git@")
                || (isHttp(src) && base.endsWith(".git"));
    }

    /** The file name an HTTP download gets: the URL path's last element, else {@code __unnamed__}. */
    static String httpFilename(String src) {
        try {
            String path = new URI(src).getPath();
            if (path != null) {
                String trimmed = path.replaceAll("/+$", "");
                String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
                if (!base.isEmpty() && !base.equals(".")) {
                    return base;
                }
            }
        } catch (URISyntaxException e) {
            // fall through: BuildKit names unparsable URLs the same way
        }
        return "__unnamed__";
    }

    /** @param located records the instruction's location on the source op */
    static Remote http(String src, String checksum, Consumer<OpOptions<?>> located) {
        String f = httpFilename(src);
        State st = State.http(src, o -> {
            o.filename(f).description(Map.of(BaseImages.DOCKERFILE_COMMAND, ""));
            located.accept(o);
            if (!checksum.isEmpty()) {
                o.checksum(Digest.parse(checksum));
            }
        });
        return new Remote(st, f);
    }

    /** {@code checksum} (ADD's {@code --checksum}) becomes {@code git.checksum} as given, as in BuildKit. */
    static Remote git(String src, boolean keepGitDir, String checksum, Consumer<OpOptions<?>> located) {
        int hash = src.indexOf('#');
        String remote = hash < 0 ? src : src.substring(0, hash);
        String fragment = hash < 0 ? "" : src.substring(hash + 1);
        State st = State.git(remote, fragment, o -> {
            located.accept(o);
            if (keepGitDir) {
                o.keepGitDir();
            }
            if (!checksum.isEmpty()) {
                o.checksum(checksum);
            }
        });
        return new Remote(st, "/");
    }
}
