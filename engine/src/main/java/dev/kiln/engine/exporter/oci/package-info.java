/**
 * {@code type=oci} and {@code type=docker}: an image as a tarball streamed to the client, or with
 * {@code tar=false} as a layout directory. Both
 * hold an OCI image layout ({@code oci-layout}, {@code index.json} with {@code
 * org.opencontainers.image.ref.name} = tag and {@code io.containerd.image.name} = full name, {@code
 * blobs/sha256/…}); the Docker one adds {@code manifest.json} and {@code repositories} for {@code
 * docker load}. Entries are sorted with fixed times and owners, so equal images give equal bytes.
 */
package dev.kiln.engine.exporter.oci;
