package dev.kiln.engine.exporter.push;

import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.exporter.ExportResult;
import dev.kiln.engine.exporter.Exporter;
import dev.kiln.engine.exporter.ExporterInstance;
import dev.kiln.engine.exporter.ExporterOptionException;
import dev.kiln.engine.exporter.image.WrittenImage;
import dev.kiln.engine.exporter.ExportInputs;
import dev.kiln.engine.exporter.image.ImageOptions;
import dev.kiln.engine.exporter.image.ImageWriter;
import dev.kiln.engine.image.Digests;
import dev.kiln.engine.image.ImageNames;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryClient;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code type=image}: writes the image to the content store, then pushes it to every name's
 * repository ({@code push=true}) or records the names locally. Nothing is streamed to the client.
 */
public final class ImageExporter implements Exporter {
  private final ImageWriter images;
  private final ImagePusher pusher;
  private final PushClients clients;
  private final ImageNames names;

  public ImageExporter(ImageWriter images, ImagePusher pusher, PushClients clients, ImageNames names) {
    this.images = images;
    this.pusher = pusher;
    this.clients = clients;
    this.names = names;
  }

  @Override
  public String type() {
    return "image";
  }

  @Override
  public ExporterInstance resolve(Map<String, String> attrs) {
    ImageOptions image = ImageOptions.parse(attrs, false, PushOptions.KEYS);
    PushOptions push = PushOptions.parse(attrs);
    if (push.push() && image.names().isEmpty()) {
      throw new ExporterOptionException("push", "needs a name to push to (name=registry/repository:tag)");
    }
    return new Instance(image, push);
  }

  private final class Instance implements ExporterInstance {
    private final ImageOptions image;
    private final PushOptions push;

    Instance(ImageOptions image, PushOptions push) {
      this.image = image;
      this.push = push;
    }

    @Override
    public ExportResult export(ExportInput input, OutputStream out) throws IOException {
      return export(input, out, null);
    }

    @Override
    public ExportResult export(ExportInput input, OutputStream out, ProgressWriter progress) throws IOException {
      return export(ExportInputs.single(input), out, progress);
    }

    @Override
    public ExportResult export(ExportInputs inputs, OutputStream out, ProgressWriter progress) throws IOException {
      // A remote result's blobs stay remote when pushed (mounted, or already there); an image kept
      // only here must hold them.
      if (!push.push()) inputs.fetchRemoteBlobs();
      WrittenImage written = images.write(inputs, image);
      List<ImageRef> targets = image.names().stream().map(n -> ImageRef.parse(n.toString())).toList();
      if (push.push()) {
        RegistryClient client = clients.client(push.insecure() ? hosts(targets) : Set.of());
        for (ImageRef target : targets) {
          pusher.push(client, written, target, push.byDigest(), progress, inputs.remoteBlobs());
        }
      }
      List<String> shown = shownNames(written, targets);
      for (String name : shown) names.record(name, written.top().digest());
      return new ExportResult(written.response(String.join(",", shown)));
    }

    /** The names reported and recorded: as given, plus {@code repo@digest} or the dangling name. */
    private List<String> shownNames(WrittenImage written, List<ImageRef> targets) {
      var digest = Digests.toRegistry(written.top().digest());
      Set<String> shown = new LinkedHashSet<>();
      for (ImageRef t : targets) {
        shown.add(t.toString());
        if (push.nameCanonical()) shown.add(t.at(digest).toString());
      }
      if (targets.isEmpty() && push.danglingPrefix().isPresent()) {
        shown.add(push.danglingPrefix().get() + "@" + digest);
      }
      return new ArrayList<>(shown);
    }
  }

  private static Set<String> hosts(List<ImageRef> targets) {
    Set<String> hosts = new LinkedHashSet<>();
    targets.forEach(t -> hosts.add(t.registry()));
    return hosts;
  }
}
