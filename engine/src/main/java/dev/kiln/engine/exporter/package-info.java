/**
 * Exporters: {@link dev.kiln.engine.exporter.Exporter} resolves {@code --output} attributes into an
 * {@link dev.kiln.engine.exporter.ExporterInstance}. Layers live in {@code exporter.layer}, image
 * config and manifest assembly in {@code exporter.image}, tarball formats in {@code exporter.oci}.
 */
package dev.kiln.engine.exporter;
