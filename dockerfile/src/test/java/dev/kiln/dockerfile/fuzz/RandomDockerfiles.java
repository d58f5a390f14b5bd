package dev.kiln.dockerfile.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random instruction sequences: each line is decoded from one integer (template, then the
 * tokens that fill its holes), so a failing input is easy to read and to reduce by hand.
 */
final class RandomDockerfiles {

    /** Line templates; {@code %} is a hole filled with a token. */
    private static final List<String> TEMPLATES = List.of("FROM %", "FROM % AS %", "FROM --platform=% % AS %",
            "ARG %", "ARG %=%", "ENV %=%", "ENV % %", "LABEL %=%", "RUN %", "RUN % %", "RUN --mount=% %",
            "RUN --network=% --security=% %", "RUN [\"%\", \"%\"]", "COPY % %", "COPY --from=% % %",
            "COPY --link --chown=% --chmod=% % %", "COPY --parents % %", "COPY --exclude=% % %", "ADD % %",
            "ADD --checksum=% % %", "ADD --keep-git-dir=% % %", "WORKDIR %", "USER %", "EXPOSE %", "VOLUME %",
            "CMD %", "CMD [\"%\"]", "ENTRYPOINT %", "SHELL [\"%\", \"%\"]", "HEALTHCHECK --interval=% CMD %",
            "HEALTHCHECK NONE", "STOPSIGNAL %", "ONBUILD %", "ONBUILD RUN %", "MAINTAINER %", "COPY <<% %",
            "RUN <<% %", "%", "# %", "");

    private static final List<String> TOKENS = List.of("scratch", "busybox", "alpine:3.18", "build", "b0", "0", "1",
            "5", "-1", "A", "B", "$A", "${A}", "${A:-busybox}", "${B:+x}", "${BUILDPLATFORM}", "$TARGETARCH",
            "linux/amd64", "linux/arm64/v8", "windows", "/", ".", "./", "/app", "app", "a/./b", "*.go", "**", "..",
            "../x", "/x/", "src", "dst/", "type=cache,target=/c", "type=bind,from=build,target=/b",
            "type=secret,id=s", "type=ssh", "type=tmpfs,target=/t,size=1m", "type=cache,id=$A,target=/c,from=0",
            "none", "host", "default", "insecure", "sandbox", "true", "false", "1000:1000", "root", "0755", "u+x",
            "80/tcp", "53/udp", "8080-8090", "${A}/tcp", "SIGTERM", "9", "5s", "1h", "bad", "echo hi",
            "\"quoted word\"", "'single'", "https://example.com/f.tgz", "https://github.com/a/b.git#main:dir",
            "git@github.com:a/b.git", "sha256:abc", "EOF", "missing-image", "\\", "$", "{", "[", "]", "=", "",
            "ARG X", "FROM scratch", "ONBUILD RUN x", "\u00e9t\u00e9", "-");

    private RandomDockerfiles() {}

    static String dockerfile(Random random) {
        List<Integer> codes = new ArrayList<>();
        for (int n = 1 + random.nextInt(25); n > 0; n--) {
            codes.add(random.nextInt(Integer.MAX_VALUE));
        }
        return render(codes);
    }

    private static String render(List<Integer> codes) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int code : codes) {
            // Most files start with a FROM, so the rest of the file reaches the converter.
            String line = first && code % 4 != 0 ? "FROM " + token(code / 4) : line(code);
            out.append(line).append('\n');
            if (line.startsWith("COPY <<") || line.startsWith("RUN <<")) {
                out.append("body ${A}\n").append(heredocEnd(line)).append('\n');
            }
            first = false;
        }
        return out.toString();
    }

    private static String line(int code) {
        String template = TEMPLATES.get(code % TEMPLATES.size());
        int rest = code / TEMPLATES.size();
        StringBuilder line = new StringBuilder();
        for (char c : template.toCharArray()) {
            if (c == '%') {
                line.append(token(rest));
                rest = rest / TOKENS.size() + 7;
            } else {
                line.append(c);
            }
        }
        return line.toString();
    }

    private static String token(int code) {
        return TOKENS.get(Math.floorMod(code, TOKENS.size()));
    }

    private static String heredocEnd(String line) {
        int at = line.indexOf("<<") + 2;
        int end = line.indexOf(' ', at);
        return end < 0 ? line.substring(at) : line.substring(at, end);
    }
}
