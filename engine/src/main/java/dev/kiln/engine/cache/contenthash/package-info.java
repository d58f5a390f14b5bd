/**
 * Content checksums of paths inside a tree (BuildKit's {@code cache/contenthash}): what makes a
 * COPY from a local context hit the cache when the files are unchanged. Entry point: {@link
 * dev.kiln.engine.cache.contenthash.ContentHasher}; caches: {@link
 * dev.kiln.engine.cache.contenthash.ImmutableChecksums} (per tree id) and {@link
 * dev.kiln.engine.cache.contenthash.LocalContextChecksums} (stat revalidation).
 */
package dev.kiln.engine.cache.contenthash;
