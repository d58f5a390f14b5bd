/**
 * Layer blobs from snapshots. A snapshot's changes against its parent — read from the overlay
 * upper directory (whiteout devices, opaque xattrs) or computed by comparing two full trees (copy
 * driver) — are written as an OCI layer tar in sorted walk order (PAX headers, {@code .wh.}
 * whiteouts, hardlinks within the layer, xattrs as {@code SCHILY.xattr.*}; each entry's stat, xattrs
 * and small-file bytes read ahead of the tar on other threads), compressed (gzip across
 * cores, zstd, or none) while both digests are computed in the same pass; a gzip chunk that an
 * earlier blob holds (table {@code layer_chunks}) is copied from it rather than deflated again,
 * with chunks cut at tar entries so that unchanged stretches give the same chunks. Blobs are cached in
 * table {@code layer_blobs} by snapshot and variant (compression, level, mtime clamp); base image
 * layers come from {@link dev.kiln.engine.exporter.layer.LayerBlobs} and are never recompressed.
 * Binary xattr values (e.g. {@code security.capability}) go in a hand-written PAX header as raw
 * bytes, as Go's archive/tar expects.
 */
package dev.kiln.engine.exporter.layer;
