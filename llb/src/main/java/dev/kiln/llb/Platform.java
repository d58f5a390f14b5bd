package dev.kiln.llb;

import java.util.List;
import java.util.Locale;

/** A target platform (OCI {@code os/arch[/variant]}). */
public record Platform(String os, String architecture, String variant, String osVersion, List<String> osFeatures) {
  public static final Platform LINUX_AMD64 = of("linux", "amd64");
  public static final Platform LINUX_ARM64 = of("linux", "arm64");

  public Platform {
    os = nz(os);
    architecture = nz(architecture);
    variant = nz(variant);
    osVersion = nz(osVersion);
    osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
  }

  public static Platform of(String os, String architecture) {
    return new Platform(os, architecture, "", "", List.of());
  }

  public static Platform of(String os, String architecture, String variant) {
    return new Platform(os, architecture, variant, "", List.of());
  }

  /** Parses {@code os/arch[/variant]}. */
  public static Platform parse(String spec) {
    String[] parts = spec.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("invalid platform '" + spec + "': expected os/arch[/variant]");
    }
    return of(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** The platform of this JVM's host, in OCI naming. */
  public static Platform host() {
    String arch =
        switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          case "ppc64le" -> "ppc64le";
          case "s390x" -> "s390x";
          case "riscv64" -> "riscv64";
          case String other -> other;
        };
    return of("linux", arch);
  }

  dev.kiln.proto.pb.Platform toProto() {
    return dev.kiln.proto.pb.Platform.newBuilder()
        .setOS(os)
        .setArchitecture(architecture)
        .setVariant(variant)
        .setOSVersion(osVersion)
        .addAllOSFeatures(osFeatures)
        .build();
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
