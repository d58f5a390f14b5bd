/**
 * Layer blobs from snapshots. A snapshot's changes against its parent — read from the overlay
 * upper directory (whiteout devices, opaque xattrs) or computed by comparing two full trees (copy
 * driver) — are written as an OCI layer tar in sorted walk order (PAX headers, {@code .wh.}
 * whiteouts, hardlinks within the layer, xattrs as {@code SCHILY.xattr.*}), compressed (gzip across
 * cores, zstd, or none) while both digests are computed in the same pass. Blobs are cached in
 * table {@code layer_blobs} by snapshot and variant (compression, level, mtime clamp); base image
 * layers come from {@link dev.kiln.engine.exporter.layer.LayerBlobs} and are never recompressed.
 * Binary xattr values (e.g. {@code security.capability}) go in a hand-written PAX header as raw
 * bytes, as Go's archive/tar expects.
 */
package dev.kiln.engine.exporter.layer;
