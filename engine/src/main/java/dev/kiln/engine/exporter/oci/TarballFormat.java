package dev.kiln.engine.exporter.oci;

/** The two tarball exporters: same image, different archive layout and default media types. */
public enum TarballFormat {
  /** OCI image layout: {@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}. */
  OCI("oci", true),
  /** What {@code docker load} reads: {@code manifest.json} and {@code repositories}, plus the OCI files. */
  DOCKER("docker", false);

  private final String type;
  private final boolean ociMediaTypes;

  TarballFormat(String type, boolean ociMediaTypes) {
    this.type = type;
    this.ociMediaTypes = ociMediaTypes;
  }

  public String type() {
    return type;
  }

  boolean ociMediaTypesByDefault() {
    return ociMediaTypes;
  }
}
