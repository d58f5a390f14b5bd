package dev.kiln.engine.exporter.oci;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.exporter.ExportResult;
import dev.kiln.engine.exporter.Exporter;
import dev.kiln.engine.exporter.ExporterInstance;
import dev.kiln.engine.exporter.FileExport;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import dev.kiln.engine.exporter.image.WrittenImage;
import dev.kiln.engine.exporter.ClientContentStore;
import dev.kiln.engine.exporter.DirectoryExport;
import dev.kiln.engine.exporter.ExportInputs;
import dev.kiln.engine.exporter.image.AttrReader;
import java.nio.file.Path;
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
 * {@code dest} attribute stays on the client; with {@code tar=false} the layout is a directory,
 * sent to the client like a {@code type=local} result.
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
    boolean tar = new AttrReader(attrs).bool("tar").orElse(true);
    return tar ? new Instance(options) : new DirInstance(options);
  }

  /** {@code tar=false}: the same layout as files in a directory. */
  private final class DirInstance extends Instance implements DirectoryExport {
    DirInstance(ImageOptions options) {
      super(options);
    }

    @Override
    public ExportResult export(ExportInputs inputs, OutputStream out, ProgressWriter progress) throws IOException {
      throw new IOException("type=" + format.type() + ",tar=false writes a directory, not a stream");
    }

    @Override
    public ExportResult exportToFile(Path file, ExportInputs inputs, ProgressWriter progress) throws IOException {
      throw new IOException("type=" + format.type() + ",tar=false writes a directory, not a tarball");
    }

    @Override
    public ExportResult exportTo(Path dir, ExportInputs inputs, ProgressWriter progress) throws IOException {
      inputs.fetchRemoteBlobs(); // the layout holds the blobs; they need no unpacking
      WrittenImage image = images.write(inputs, options);
      ImageArchive.writeDir(dir, content, image, options.names(), options.annotations(), format);
      return new ExportResult(image.response(options.nameList()));
    }

    @Override
    public ExportResult exportTo(ClientContentStore store, ExportInputs inputs, ProgressWriter progress) throws IOException {
      inputs.fetchRemoteBlobs();
      WrittenImage image = images.write(inputs, options);
      if (format == TarballFormat.DOCKER && image.images().size() > 1) {
        throw new IOException("a docker layout holds one platform: build one platform, or use type=oci for several");
      }
      StoreCopy.copy(image, content, store);
      return new ExportResult(image.response(options.nameList()));
    }
  }

  private class Instance implements FileExport {
    final ImageOptions options;

    Instance(ImageOptions options) {
      this.options = options;
    }

    @Override
    public ExportResult export(ExportInput input, OutputStream out) throws IOException {
      return export(ExportInputs.single(input), out, null);
    }

    @Override
    public ExportResult export(ExportInputs inputs, OutputStream out, ProgressWriter progress) throws IOException {
      inputs.fetchRemoteBlobs(); // the archive holds the blobs; they need no unpacking
      WrittenImage image = images.write(inputs, options);
      Instant mtime = options.sourceDateEpoch().orElse(Instant.EPOCH);
      ImageArchive.write(out, content, image, options.names(), options.annotations(), format, mtime);
      return new ExportResult(image.response(options.nameList()));
    }

    /** New layers are compressed straight into the file (and the store), not copied afterwards. */
    @Override
    public ExportResult exportToFile(Path file, ExportInputs inputs, ProgressWriter progress) throws IOException {
      inputs.fetchRemoteBlobs();
      Instant mtime = options.sourceDateEpoch().orElse(Instant.EPOCH);
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        WrittenImage image = ImageArchive.writeFile(out, content, sink -> images.write(inputs, options, sink),
            options.names(), options.annotations(), format, mtime);
        return new ExportResult(image.response(options.nameList()));
      }
    }
  }
}
