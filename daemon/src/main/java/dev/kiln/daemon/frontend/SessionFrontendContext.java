package dev.kiln.daemon.frontend;

import dev.kiln.engine.source.LocalDirs;
import dev.kiln.llb.frontend.FrontendContext;
import dev.kiln.llb.frontend.ImageMetaResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
    String clean = path.startsWith("/") ? path.substring(1) : path;
    var request = new LocalDirs.Request(List.of(), List.of(), List.of(clean), localName);
    Optional<Path> dir = locals.get(localName, request);
    if (dir.isEmpty()) {
      throw new IOException("local directory '" + localName + "' was not provided (pass --local " + localName + "=DIR)");
    }
    Path file = dir.get().resolve(clean).normalize();
    if (!file.startsWith(dir.get()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(file));
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
