/**
 * Layer blobs from snapshots. A snapshot's changes against its parent — read from the overlay
 * upper directory (whiteout devices, opaque xattrs) or computed by comparing two full trees (copy
 * driver) — are written as an OCI layer tar in sorted walk order (PAX headers, {@code .wh.}
 * whiteouts, hardlinks within the layer, xattrs as {@code SCHILY.xattr.*}), compressed (gzip across
 * cores, zstd, or none) while both digests are computed in the same pass. Blobs are cached in
 * table {@code layer_blobs} by snapshot and variant (compression, level, mtime clamp); base image
 * layers come from {@link dev.kiln.engine.exporter.layer.LayerBlobs} and are never recompressed.
 *
 * <p>Known gap: xattr values are written as UTF-8 PAX strings, so binary values (e.g.
 * {@code security.capability}) are not carried faithfully yet.
 */
package dev.kiln.engine.exporter.layer;
