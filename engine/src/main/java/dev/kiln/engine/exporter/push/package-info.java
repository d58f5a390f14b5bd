/**
 * {@code type=image}: the image in the content store, optionally pushed. {@link
 * dev.kiln.engine.exporter.push.ImagePusher} sends blobs in parallel (HEAD first, a cross-repository
 * mount when the blob was pulled from another repository of the same registry, else an upload) and
 * the manifest last; the registry client retries. Without {@code push}, the names are recorded in
 * table {@code image_names}, so {@code FROM name} with resolve mode {@code local} finds the image.
 */
package dev.kiln.engine.exporter.push;
