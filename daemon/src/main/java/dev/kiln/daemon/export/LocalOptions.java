package dev.kiln.daemon.export;

import dev.kiln.engine.exporter.ExporterOptionException;
import dev.kiln.engine.exporter.image.AttrReader;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type=local} attributes, parsed once (BuildKit's {@code exporter/local}).
 *
 * @param platformSplit {@code platform-split}: one {@code os_arch/} directory per platform; when
 *     absent, split exactly when the result has several platforms
 * @param delete {@code mode=delete}: the client makes its directory match the result, removing what
 *     the result lacks (the client applies it; the daemon sends the whole result in one transfer)
 */
public record LocalOptions(Optional<Boolean> platformSplit, boolean delete) {
  public static LocalOptions parse(Map<String, String> attrs) {
    AttrReader reader = new AttrReader(attrs);
    Optional<Boolean> split = reader.bool("platform-split");
    String mode = reader.string("mode").orElse("").trim().toLowerCase(Locale.ROOT);
    boolean delete = switch (mode) {
      case "", "copy" -> false;
      case "delete" -> true;
      default -> throw new ExporterOptionException("mode", "invalid local exporter mode '" + mode + "' (copy or delete)");
    };
    return new LocalOptions(split, delete);
  }

  /** Whether platforms get their own directories, for a result of one or several platforms. */
  public boolean split(boolean multiPlatform) {
    return platformSplit.orElse(multiPlatform);
  }
}
