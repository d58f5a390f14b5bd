package dev.kiln.llb.frontend;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a frontend may ask of the build that runs it. The option keys are BuildKit's
 * FrontendAttrs ({@code target}, {@code build-arg:K}, {@code label:K}, {@code platform},
 * {@code no-cache}, {@code filename}, {@code context:NAME}, {@code image-resolve-mode},
 * {@code force-network-mode}, {@code add-hosts}, …), values as sent by the client.
 */
public interface FrontendContext {
  /** Local name of the directory holding the Dockerfile. */
  String DOCKERFILE_LOCAL = "dockerfile";
  /** Local name of the build context directory. */
  String CONTEXT_LOCAL = "context";

  /** The frontend options, unmodifiable. */
  Map<String, String> options();

  default Optional<String> option(String key) {
    return Optional.ofNullable(options().get(key));
  }

  /**
   * Reads one file from a client directory ({@link #DOCKERFILE_LOCAL}, {@link #CONTEXT_LOCAL}),
   * or empty when it does not exist.
   */
  Optional<byte[]> readFile(String localName, String path) throws IOException;

  /**
   * Reads several files from one client directory, each empty when it does not exist; a context
   * that transfers files from the client does it in one transfer (as BuildKit's Dockerfile frontend
   * fetches the Dockerfile and its .dockerignore together).
   */
  default Map<String, Optional<byte[]>> readFiles(String localName, List<String> paths) throws IOException {
    Map<String, Optional<byte[]>> files = new LinkedHashMap<>();
    for (String path : paths) files.put(path, readFile(localName, path));
    return files;
  }

  ImageMetaResolver imageResolver();

  /** The LLB caps of the engine that will solve the result, or null when unknown. */
  Set<String> llbCaps();

  /** The client session the build's local sources are read through, or empty for none. */
  default Optional<String> sessionId() {
    return Optional.empty();
  }
}
