/**
 * Images in the content store: {@link dev.kiln.engine.exporter.image.ImageWriter} takes one layer
 * per snapshot of the result's parent chain, patches the frontend's config ({@code rootfs.diff_ids},
 * history aligned to the layers as BuildKit does, times clamped to {@code source-date-epoch}) and
 * writes config and manifest (OCI or Docker schema 2). {@link
 * dev.kiln.engine.exporter.image.ImageOptions} is the typed form of the image attributes shared by
 * {@code image}, {@code oci} and {@code docker}.
 */
package dev.kiln.engine.exporter.image;
