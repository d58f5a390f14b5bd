package dev.kiln.dockerfile.convert;

import dev.kiln.llb.Platform;
import dev.kiln.proto.pb.Definition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One directory of {@code conformance/llb-golden/dockerfile}, converted with the settings of
 * the golden README §7: all v0.11.6 caps, linux/amd64, no session, fixed local id.
 */
record GoldenCase(String name, Path dir) {

    static final String LOCAL_UNIQUE = "golden-local-unique";

    /** Cases built with {@code -target}. */
    private static final Map<String, String> TARGETS = Map.of("df03_multistage_target", "final");

    /** Every LLB cap BuildKit v0.11.6 knows (buildkit-wire.md §1.6), as dockerfile2llb used. */
    static final Set<String> ALL_CAPS = Set.of("source.image", "source.image.resolvemode", "source.image.layerlimit",
            "source.local", "source.local.unique", "source.local.sessionid", "source.local.includepatterns",
            "source.local.followpaths", "source.local.excludepatterns", "source.local.sharedkeyhint",
            "source.local.differ", "source.git", "source.git.keepgitdir", "source.git.fullurl",
            "source.git.httpauth", "source.git.knownsshhosts", "source.git.mountsshsock", "source.git.subdir",
            "source.http", "source.http.checksum", "source.http.perm", "soruce.http.uidgid", "source.ocilayout",
            "source.buildop.llbfilename", "exec.meta.base", "exec.meta.cgroup.parent", "exec.meta.network",
            "exec.meta.proxyenv", "exec.meta.security", "exec.meta.security.devices.v1", "exec.meta.setsdefaultpath",
            "exec.meta.ulimit", "exec.meta.removemountstubs.recursive", "exec.mount.bind",
            "exec.mount.bind.readwrite-nooutput", "exec.mount.cache", "exec.mount.cache.sharing",
            "exec.mount.selector", "exec.mount.tmpfs", "exec.mount.tmpfs.size", "exec.mount.secret",
            "exec.mount.ssh", "exec.cgroup", "exec.secretenv", "file.base", "file.rm.wildcard",
            "file.copy.includeexcludepatterns", "file.rm.nofollowsymlink", "constraints", "platform",
            "meta.ignorecache", "meta.description", "meta.exportcache", "cache.gha", "cache.s3", "cache.azblob",
            "mergeop", "diffop", "exporter.image.annotations", "exporter.image.attestations",
            "exporter.sourcedateepoch", "source.policy");

    static Stream<GoldenCase> all() {
        String shared = System.getProperty("kiln.shared");
        Path root = Path.of(shared, "conformance", "llb-golden", "dockerfile");
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> sorted = dirs.filter(Files::isDirectory).sorted().toList();
            return sorted.stream().map(d -> new GoldenCase(d.getFileName().toString(), d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConvertOptions options() {
        return ConvertOptions.builder(new FakeImageResolver())
                .target(TARGETS.getOrDefault(name, ""))
                .llbCaps(ALL_CAPS)
                .buildPlatforms(List.of(Platform.LINUX_AMD64))
                .build();
    }

    Conversion convert() throws ConversionException {
        return DockerfileConverter.convert(bytes("Dockerfile"), options());
    }

    Definition definition() throws ConversionException {
        return convert().definition(LOCAL_UNIQUE);
    }

    byte[] bytes(String file) {
        try {
            return Files.readAllBytes(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
