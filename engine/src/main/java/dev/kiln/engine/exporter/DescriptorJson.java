package dev.kiln.engine.exporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Descriptors as JSON, fields in the Go struct's order (mediaType, digest, size, annotations). */
public final class DescriptorJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private DescriptorJson() {}

  public static ObjectNode of(Descriptor d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest().value());
    n.put("size", d.size());
    if (!d.annotations().isEmpty()) {
      ObjectNode a = n.putObject("annotations");
      d.sortedAnnotations().forEach(a::put);
    }
    return n;
  }
}
