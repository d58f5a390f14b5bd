package dev.kiln.dockerfile.instructions;

/**
 * One {@code RUN --mount=…}, values expanded.
 *
 * @param type      bind, cache, tmpfs, secret or ssh
 * @param from      stage or image to mount from; empty for the build context
 * @param cacheId   the {@code id} option (cache id, secret id or SSH id)
 * @param sharing   shared, private or locked (cache only)
 * @param sizeLimit tmpfs size in bytes, 0 for the default
 * @param mode      permission bits, or null when not given; likewise {@code uid} and {@code gid}
 */
public record RunMount(String type, String from, String source, String target, boolean readOnly, String cacheId,
        String sharing, boolean required, long sizeLimit, Long mode, Long uid, Long gid) {

    public static final String BIND = "bind";
    public static final String CACHE = "cache";
    public static final String TMPFS = "tmpfs";
    public static final String SECRET = "secret";
    public static final String SSH = "ssh";

    public RunMount withFrom(String f) {
        return new RunMount(type, f, source, target, readOnly, cacheId, sharing, required, sizeLimit, mode, uid, gid);
    }
}
