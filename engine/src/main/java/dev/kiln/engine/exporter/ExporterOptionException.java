package dev.kiln.engine.exporter;

/** A bad {@code --output} attribute; names the key so the user knows what to fix. */
public final class ExporterOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public ExporterOptionException(String key, String problem) {
    super("exporter option '" + key + "': " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
