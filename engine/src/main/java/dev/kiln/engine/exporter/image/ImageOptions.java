package dev.kiln.engine.exporter.image;

import dev.kiln.engine.exporter.ExporterOptionException;
import dev.kiln.engine.exporter.layer.Compression;
import dev.kiln.engine.exporter.layer.LayerOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image attributes of {@code --output type=image|oci|docker}, parsed once.
 *
 * @param names normalised image names ({@code name=}, comma separated)
 * @param layers compression, level and (with {@code rewrite-timestamp}) the mtime clamp
 * @param forceCompression recompress base image layers too
 * @param ociMediaTypes OCI rather than Docker schema 2 media types
 * @param sourceDateEpoch {@code source-date-epoch}: config and history times are clamped to it
 */
public record ImageOptions(
    List<ImageName> names,
    LayerOptions layers,
    boolean forceCompression,
    boolean ociMediaTypes,
    Optional<Instant> sourceDateEpoch,
    Annotations annotations) {

  public ImageOptions {
    names = List.copyOf(names);
  }

  /** The names as given back to the client in {@code image.name}. */
  public String nameList() {
    return String.join(",", names.stream().map(ImageName::toString).toList());
  }

  /**
   * Parses {@code attrs}; keys other than the image keys and {@code extraKeys} (which the caller
   * handles) are an error.
   */
  public static ImageOptions parse(Map<String, String> attrs, boolean ociByDefault, List<String> extraKeys) {
    AttrReader r = new AttrReader(attrs);
    List<ImageName> names = r.string("name").map(ImageOptions::names).orElse(List.of());
    Compression compression = r.string("compression").map(v -> r.parse("compression", v, Compression::parse))
        .orElse(Compression.GZIP);
    int level = r.integer("compression-level").orElse(compression.defaultLevel());
    if (!compression.acceptsLevel(level)) {
      throw new ExporterOptionException("compression-level", level + " is out of range for " + compression.id());
    }
    boolean force = r.bool("force-compression").orElse(false);
    boolean oci = r.bool("oci-mediatypes").orElse(ociByDefault) || compression == Compression.ZSTD;
    Optional<Instant> epoch = r.longValue("source-date-epoch").map(Instant::ofEpochSecond);
    boolean rewrite = r.bool("rewrite-timestamp").orElse(false);
    if (rewrite && epoch.isEmpty()) {
      throw new ExporterOptionException("rewrite-timestamp", "needs source-date-epoch (build-arg SOURCE_DATE_EPOCH)");
    }
    Annotations annotations = Annotations.parse(r);
    r.ignore(AttrReader.IGNORED);
    r.ignore(extraKeys);
    r.rejectUnread();
    LayerOptions layers = new LayerOptions(compression, level, rewrite ? epoch : Optional.empty());
    return new ImageOptions(names, layers, force, oci, epoch, annotations);
  }

  private static List<ImageName> names(String value) {
    return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> {
          try {
            return ImageName.parse(s);
          } catch (IllegalArgumentException e) {
            throw new ExporterOptionException("name", e.getMessage());
          }
        }).toList();
  }
}
