package dev.kiln.engine.snapshot;

import java.util.List;

/**
 * One mount that makes a snapshot visible, in {@code mount(8)} terms: {@code bind} of a directory,
 * or {@code overlay} with lowerdir/upperdir/workdir options.
 */
public record MountSpec(String type, String source, List<String> options) {
  public MountSpec {
    options = List.copyOf(options);
  }

  public static MountSpec bind(String dir, boolean readonly) {
    return new MountSpec("bind", dir, readonly ? List.of("rbind", "ro") : List.of("rbind", "rw"));
  }

  public boolean isBind() {
    return type.equals("bind");
  }

  public boolean readonly() {
    return options.contains("ro");
  }
}
