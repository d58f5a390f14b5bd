package dev.kiln.dockerfile.convert;

import dev.kiln.llb.Platform;

/** Platform strings as containerd's {@code platforms.Format(platforms.Normalize(p))} writes them. */
final class PlatformNames {

    private PlatformNames() {}

    static String normalized(Platform p) {
        String arch = switch (p.architecture()) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "i386", "i686" -> "386";
            default -> p.architecture();
        };
        String variant = p.variant();
        if ((arch.equals("arm64") && variant.equals("v8")) || (arch.equals("amd64") && variant.equals("v1"))) {
            variant = "";
        } else if (arch.equals("arm") && variant.isEmpty()) {
            variant = "v7";
        }
        return p.os() + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
    }
}
