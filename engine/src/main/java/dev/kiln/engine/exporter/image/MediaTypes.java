package dev.kiln.engine.exporter.image;

import java.util.Map;

/** Manifest, config and layer media types in their OCI and Docker schema 2 spellings. */
final class MediaTypes {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
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
