package dev.kiln.engine.exporter;

import dev.kiln.llb.Digest;
import java.util.Map;
import java.util.TreeMap;

/** An OCI content descriptor: what a manifest or index says about one blob. */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations) {
  public Descriptor {
    annotations = Map.copyOf(annotations);
  }

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, Map.of());
  }

  /** Annotations sorted by key, as they are serialized. */
  public Map<String, String> sortedAnnotations() {
    return new TreeMap<>(annotations);
  }
}
