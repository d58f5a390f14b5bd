/**
 * Exporters: {@link dev.kiln.engine.exporter.Exporter} resolves {@code --output} attributes into an
 * {@link dev.kiln.engine.exporter.ExporterInstance}. Layers live in {@code exporter.layer}, image
 * config, manifest and index assembly in {@code exporter.image}, tarballs and layout directories in
 * {@code exporter.oci}, {@code type=image} and registry pushes in {@code exporter.push}.
 */
package dev.kiln.engine.exporter;
