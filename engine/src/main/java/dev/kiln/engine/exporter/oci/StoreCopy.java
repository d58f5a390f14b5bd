package dev.kiln.engine.exporter.oci;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.ClientContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.image.WrittenImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a written image into a client's content store as BuildKit's {@code contentutil.CopyChain}
 * does: children before the blobs naming them (layers, config, manifest, then the index), so the
 * store never holds a manifest whose blobs are missing. Blobs the store has are skipped.
 */
final class StoreCopy {
  private StoreCopy() {}

  static void copy(WrittenImage image, ContentStore content, ClientContentStore target) throws IOException {
    for (Descriptor blob : childrenFirst(image)) {
      target.write(ClientContentStore.refKey(blob), blob, () -> content.open(blob.digest()));
    }
  }

  /** {@link WrittenImage#blobs()} lists parents first; reversed and without repeats, children come first. */
  static List<Descriptor> childrenFirst(WrittenImage image) {
    List<Descriptor> reversed = new ArrayList<>(image.blobs()).reversed();
    Map<String, Descriptor> once = new LinkedHashMap<>();
    for (Descriptor d : reversed) once.putIfAbsent(d.digest().value(), d);
    return List.copyOf(once.values());
  }
}
