package dev.kiln.engine.exporter.oci;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.exporter.ExportResult;
import dev.kiln.engine.exporter.Exporter;
import dev.kiln.engine.exporter.ExporterInstance;
import dev.kiln.engine.exporter.ExporterOptionException;
import dev.kiln.engine.exporter.image.WrittenImage;
import dev.kiln.engine.exporter.ExportInputs;
import dev.kiln.solver.progress.ProgressWriter;
import dev.kiln.engine.exporter.image.ImageOptions;
import dev.kiln.engine.exporter.image.ImageWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code type=oci} and {@code type=docker}: the image as a tarball streamed to the client. The
 * {@code dest} attribute stays on the client; {@code tar=false} (an OCI layout directory written
 * through the session's content store) is not supported yet.
 */
public final class TarballExporter implements Exporter {
  private final TarballFormat format;
  private final ImageWriter images;
  private final ContentStore content;

  public TarballExporter(TarballFormat format, ImageWriter images, ContentStore content) {
    this.format = format;
    this.images = images;
    this.content = content;
  }

  @Override
  public String type() {
    return format.type();
  }

  @Override
  public ExporterInstance resolve(Map<String, String> attrs) {
    ImageOptions options = ImageOptions.parse(attrs, format.ociMediaTypesByDefault(), List.of("tar"));
    String tar = attrs.getOrDefault("tar", "true");
    if (!tar.equals("true")) {
      throw new ExporterOptionException("tar", "only tar=true is supported (an OCI layout directory is not yet)");
    }
    return new Instance(options);
  }

  private final class Instance implements ExporterInstance {
    private final ImageOptions options;

    Instance(ImageOptions options) {
      this.options = options;
    }

    @Override
    public ExportResult export(ExportInput input, OutputStream out) throws IOException {
      return export(ExportInputs.single(input), out, null);
    }

    @Override
    public ExportResult export(ExportInputs inputs, OutputStream out, ProgressWriter progress) throws IOException {
      WrittenImage image = images.write(inputs, options);
      Instant mtime = options.sourceDateEpoch().orElse(Instant.EPOCH);
      ImageArchive.write(out, content, image, options.names(), options.annotations(), format, mtime);
      return new ExportResult(image.response(options.nameList()));
    }
  }
}
