package dev.kiln.dockerfile.fuzz;

import dev.kiln.dockerfile.Conformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seed Dockerfiles for mutation: every Dockerfile of the shared conformance data (parser cases,
 * negative cases, LLB goldens) plus a few that reach features the goldens lack.
 */
final class FuzzCorpus {

    private static final List<String> EXTRA = List.of("""
            # syntax=docker/dockerfile:1
            ARG BASE=alpine
            FROM --platform=$BUILDPLATFORM ${BASE} AS build
            ARG TARGETARCH
            WORKDIR /src
            COPY --parents --exclude=*.md ./a/./b/*.go /out/
            RUN --mount=type=cache,target=/root/.cache,from=busybox,source=/x <<EOF bash
            echo ${TARGETARCH:-none} "$HOME"
            EOF
            COPY <<-EOT /etc/conf
            \tkey=value
            EOT
            FROM scratch
            COPY --from=build --chown=1:1 --chmod=0755 /src /app
            ONBUILD RUN echo hi
            HEALTHCHECK --interval=5s --retries=3 CMD ["true"]
            ENTRYPOINT ["/app"]
            """, """
            # escape=`
            FROM busybox
            ENV A=1 B="two words" C=${A:+set}
            LABEL "k"="v" other=x
            RUN echo `
                multi `
                line
            SHELL ["cmd", "/S", "/C"]
            EXPOSE 80/tcp 53/udp ${A}
            VOLUME ["/data", "/logs"]
            USER 1000:1000
            STOPSIGNAL SIGKILL
            ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /
            ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.11.6:docs /docs
            """);

    private static volatile List<String> seeds;

    private FuzzCorpus() {}

    static List<String> seeds() {
        if (seeds == null) {
            seeds = load();
        }
        return seeds;
    }

    private static List<String> load() {
        List<String> out = new ArrayList<>(EXTRA);
        Path data = Conformance.testdata();
        for (String suite : List.of("parser", "parser-negative")) {
            for (Path dir : Conformance.caseDirectories(suite)) {
                read(dir.resolve("Dockerfile"), out);
            }
        }
        Path golden = data.getParent().resolve("llb-golden").resolve("dockerfile");
        try (Stream<Path> dirs = Files.list(golden)) {
            dirs.sorted().forEach(d -> read(d.resolve("Dockerfile"), out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    private static void read(Path file, List<String> out) {
        if (Files.isRegularFile(file)) {
            try {
                out.add(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
