package dev.kiln.engine.exporter;

import java.util.Map;

/**
 * One kind of build output ({@code --output type=…}). Attributes are parsed and validated once,
 * here, into an {@link ExporterInstance}; nothing downstream sees the string map.
 */
public interface Exporter {
  /** The {@code type=} this exporter answers to. */
  String type();

  /**
   * @throws ExporterOptionException naming the first unknown or malformed key
   */
  ExporterInstance resolve(Map<String, String> attrs);
}
