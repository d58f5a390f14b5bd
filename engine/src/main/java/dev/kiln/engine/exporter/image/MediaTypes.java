package dev.kiln.engine.exporter.image;

import java.util.Map;

/** Manifest, config and layer media types in their OCI and Docker schema 2 spellings. */
final class MediaTypes {
  static final String OCI_MANIFEST = dev.kiln.registry.MediaTypes.OCI_MANIFEST;
  static final String DOCKER_MANIFEST = dev.kiln.registry.MediaTypes.DOCKER_MANIFEST;
  static final String OCI_INDEX = dev.kiln.registry.MediaTypes.OCI_INDEX;
  static final String DOCKER_MANIFEST_LIST = dev.kiln.registry.MediaTypes.DOCKER_MANIFEST_LIST;
  static final String OCI_CONFIG = dev.kiln.registry.MediaTypes.OCI_CONFIG;
  static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  private static final Map<String, String> OCI_TO_DOCKER = Map.of(
      "application/vnd.oci.image.layer.v1.tar", "application/vnd.docker.image.rootfs.diff.tar",
      "application/vnd.oci.image.layer.v1.tar+gzip", "application/vnd.docker.image.rootfs.diff.tar.gzip");

  private MediaTypes() {}

  static String manifest(boolean oci) {
    return oci ? OCI_MANIFEST : DOCKER_MANIFEST;
  }

  static String index(boolean oci) {
    return oci ? OCI_INDEX : DOCKER_MANIFEST_LIST;
  }

  static String config(boolean oci) {
    return oci ? OCI_CONFIG : DOCKER_CONFIG;
  }

  /** A layer's type in the manifest's family; types with no counterpart (zstd) stay as they are. */
  static String layer(String mediaType, boolean oci) {
    if (oci) {
      return OCI_TO_DOCKER.entrySet().stream().filter(e -> e.getValue().equals(mediaType))
          .map(Map.Entry::getKey).findFirst().orElse(mediaType);
    }
    return OCI_TO_DOCKER.getOrDefault(mediaType, mediaType);
  }
}
