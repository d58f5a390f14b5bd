package dev.kiln.dockerfile.convert;

import dev.kiln.llb.Paths;

/**
 * A {@code COPY --parents} source split as BuildKit does: the copy starts at a root and includes
 * only the pattern below it, so the pattern's directories are kept under the destination. The
 * root is {@code /} of the source, or the part before a {@code /./} pivot
 * ({@code ./src/./app/*.go} keeps {@code app/…}, dropping {@code src/}).
 *
 * @param root    the directory to copy from, absolute and clean
 * @param pattern the include pattern, relative to {@code root}
 */
record ParentsSource(String root, String pattern) {

    private static final String PIVOT = "/./";

    static ParentsSource of(String src) {
        int pivot = src.indexOf(PIVOT);
        String root = pivot < 0 ? "/" : src.substring(0, pivot);
        String pattern = pivot < 0 ? src : src.substring(pivot + PIVOT.length());
        return new ParentsSource(Paths.join("/", root), stripLeadingSlash(Paths.join("/", pattern)));
    }

    private static String stripLeadingSlash(String p) {
        return p.startsWith("/") ? p.substring(1) : p;
    }
}
