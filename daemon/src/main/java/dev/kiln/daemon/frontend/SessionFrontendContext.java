package dev.kiln.daemon.frontend;

import dev.kiln.engine.source.LocalDirs;
import dev.kiln.llb.frontend.FrontendContext;
import dev.kiln.llb.frontend.ImageMetaResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an in-process frontend reads: its options, and single files of the client's local
 * directories fetched through the session with a follow-path, so only that file is transferred.
 */
public record SessionFrontendContext(Map<String, String> options, LocalDirs locals, ImageMetaResolver imageResolver,
    String session) implements FrontendContext {
  public SessionFrontendContext {
    options = Map.copyOf(options);
  }

  @Override
  public Optional<byte[]> readFile(String localName, String path) throws IOException {
    return readFiles(localName, List.of(path)).get(path);
  }

  /** One transfer from the client for all of {@code paths}: each transfer is a round trip over the session. */
  @Override
  public Map<String, Optional<byte[]>> readFiles(String localName, List<String> paths) throws IOException {
    List<String> clean = paths.stream().map(p -> p.startsWith("/") ? p.substring(1) : p).toList();
    var request = new LocalDirs.Request(List.of(), List.of(), clean, localName);
    Optional<Path> dir = locals.get(localName, request);
    if (dir.isEmpty()) {
      throw new IOException("local directory '" + localName + "' was not provided (pass --local " + localName + "=DIR)");
    }
    Map<String, Optional<byte[]>> files = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      Path file = dir.get().resolve(clean.get(i)).normalize();
      boolean present = file.startsWith(dir.get()) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
      files.put(paths.get(i), present ? Optional.of(Files.readAllBytes(file)) : Optional.empty());
    }
    return files;
  }

  @Override
  public Set<String> llbCaps() {
    return null; // unknown: the frontend emits what it needs and the engine checks on load
  }

  @Override
  public Optional<String> sessionId() {
    return Optional.ofNullable(session);
  }
}
