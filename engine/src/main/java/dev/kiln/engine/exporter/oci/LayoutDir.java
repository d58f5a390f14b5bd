package dev.kiln.engine.exporter.oci;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An image layout written as a directory ({@code tar=false}); blobs already there are kept. */
final class LayoutDir implements LayoutSink {
  private final Path root;
  private final ContentStore content;

  LayoutDir(Path root, ContentStore content) throws IOException {
    this.root = Files.createDirectories(root);
    this.content = content;
  }

  @Override
  public void dir(String name) throws IOException {
    Files.createDirectories(root.resolve(name));
  }

  @Override
  public void file(String name, byte[] bytes) throws IOException {
    Files.write(root.resolve(name), bytes);
  }

  @Override
  public void blob(String name, Descriptor d) throws IOException {
    Path target = root.resolve(name);
    if (Files.exists(target) && Files.size(target) == d.size()) return; // content-addressed: same name, same bytes
    try (InputStream in = content.open(d.digest())) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void close() {}
}
