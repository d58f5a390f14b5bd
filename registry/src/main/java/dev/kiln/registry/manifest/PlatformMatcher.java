package dev.kiln.registry.manifest;

import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the manifest for a platform from an index, like containerd's {@code platforms.Only}: the
 * wanted platform first, then what it can also run — amd64/vN accepts vN-1…v1 and 386; arm/vN
 * accepts vN-1…v5; arm64 accepts arm/v8…v5. Ties go to the earlier index entry.
 */
public record PlatformMatcher(List<Platform> preference) {
  public PlatformMatcher {
    preference = List.copyOf(preference);
  }

  public static PlatformMatcher only(Platform wanted) {
    return new PlatformMatcher(vector(wanted.normalize()));
  }

  /** The platforms acceptable for {@code p}, best first. */
  static List<Platform> vector(Platform p) {
    List<Platform> out = new ArrayList<>(List.of(p));
    switch (p.architecture()) {
      case "amd64" -> {
        for (int v = version(p.variant()) - 1; v >= 1; v--) {
          out.add(new Platform(p.os(), "amd64", v == 1 ? "" : "v" + v));
        }
        out.add(new Platform(p.os(), "386", ""));
      }
      case "arm" -> {
        for (int v = version(p.variant()) - 1; v >= 5; v--) {
          out.add(new Platform(p.os(), "arm", "v" + v));
        }
      }
      case "arm64" -> {
        String variant = p.variant().isEmpty() ? "v8" : p.variant();
        out.addAll(vector(new Platform(p.os(), "arm", variant)));
      }
      default -> {}
    }
    return out;
  }

  private static int version(String variant) {
    try {
      return variant.isEmpty() ? 1 : Integer.parseInt(variant.substring(1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The rank of {@code p} in the preference order, or -1 when it is not acceptable. */
  public int rank(Platform p) {
    return preference.indexOf(p.normalize());
  }

  public boolean matches(Platform p) {
    return rank(p) >= 0;
  }

  /** The best entry of {@code manifests} (entries without a platform are skipped). */
  public Optional<Descriptor> best(List<Descriptor> manifests) {
    Descriptor best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Descriptor d : manifests) {
      int r = d.platform().map(this::rank).orElse(-1);
      if (r >= 0 && r < bestRank) {
        best = d;
        bestRank = r;
      }
    }
    return Optional.ofNullable(best);
  }
}
