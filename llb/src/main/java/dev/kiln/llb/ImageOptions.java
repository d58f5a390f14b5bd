package dev.kiln.llb;

/** Options of {@link State#image}. */
public final class ImageOptions extends OpOptions<ImageOptions> {
  /** When the engine may use a local copy instead of asking the registry. */
  public enum ResolveMode {
    DEFAULT("default"),
    FORCE_PULL("pull"),
    PREFER_LOCAL("local");

    final String wire;

    ResolveMode(String wire) {
      this.wire = wire;
    }
  }

  ResolveMode resolveMode = ResolveMode.DEFAULT;
  String recordType = "";
  Integer layerLimit;

  ImageOptions() {}

  public ImageOptions resolveMode(ResolveMode mode) {
    this.resolveMode = mode;
    return this;
  }

  /** Marks the image as used internally (not shown as a user image in disk usage). */
  public ImageOptions internal() {
    this.recordType = "internal";
    return this;
  }

  public ImageOptions recordType(String type) {
    this.recordType = type;
    return this;
  }

  /** Uses only the first {@code n} layers of the image. */
  public ImageOptions layerLimit(int n) {
    this.layerLimit = n;
    return this;
  }
}
