package dev.kiln.engine.cache.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's cache config document ({@code application/vnd.buildkit.cacheconfig.v0}): a table of
 * layer blobs (each naming its parent layer), and cache records (a solver key, the top layer of
 * its result, and links to the records its inputs had). Serialized exactly as Go's encoder does,
 * {@code omitempty} quirks included: {@code parent} is left out when it is 0 (so "absent" means
 * layer 0, and "no parent" is an explicit -1), while {@code createdAt} is always written.
 */
public record CacheConfig(List<Layer> layers, List<Record> records) {
  public static final String MEDIA_TYPE = "application/vnd.buildkit.cacheconfig.v0";
  private static final ObjectMapper JSON = new ObjectMapper();

  public CacheConfig {
    layers = List.copyOf(layers);
    records = List.copyOf(records);
  }

  /** A layer blob; {@code parent} is the index of the layer below it, -1 for none. */
  public record Layer(String blob, int parent) {}

  /** A result of a record: its top layer (with all parents below it). */
  public record Result(int layer, Instant createdAt) {}

  /** One alternative for an input: the record it came from, narrowed by {@code selector} ("" for all). */
  public record Link(int link, String selector) {}

  /** A cache key; {@code inputs.get(i)} lists the alternatives for input i. */
  public record Record(String digest, List<Result> results, List<List<Link>> inputs) {
    public Record {
      results = List.copyOf(results);
      inputs = inputs.stream().map(List::copyOf).toList();
    }
  }

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    if (!layers.isEmpty()) { // Go omitempty, for both slices
      ArrayNode ls = root.putArray("layers");
      for (Layer l : layers) {
        ObjectNode n = ls.addObject().put("blob", l.blob());
        if (l.parent() != 0) n.put("parent", l.parent());
      }
    }
    if (!records.isEmpty()) root.set("records", recordsJson(records));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** The records alone, as the inline cache carries them. */
  static ArrayNode recordsJson(List<Record> records) {
    ArrayNode rs = JSON.createArrayNode();
    for (Record r : records) {
      ObjectNode n = rs.addObject(); // Go struct order: layers, digest, inputs
      if (!r.results().isEmpty()) {
        ArrayNode results = n.putArray("layers");
        for (Result res : r.results()) {
          results.addObject().put("layer", res.layer()).put("createdAt", GoTime.format(res.createdAt()));
        }
      }
      n.put("digest", r.digest());
      if (!r.inputs().isEmpty()) {
        ArrayNode inputs = n.putArray("inputs");
        for (List<Link> alternatives : r.inputs()) {
          ArrayNode alts = inputs.addArray();
          for (Link link : alternatives) {
            ObjectNode a = alts.addObject();
            if (!link.selector().isEmpty()) a.put("selector", link.selector());
            a.put("link", link.link());
          }
        }
      }
    }
    return rs;
  }

  /** Parses a config written by Kiln or BuildKit; {@code chains} are not supported and skipped. */
  public static CacheConfig parse(byte[] json) throws IOException {
    JsonNode root = JSON.readTree(json);
    List<Layer> layers = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      layers.add(new Layer(l.path("blob").asText(), l.path("parent").asInt(0)));
    }
    return new CacheConfig(layers, records(root.path("records")));
  }

  static List<Record> records(JsonNode array) {
    List<Record> records = new ArrayList<>();
    for (JsonNode r : array) {
      List<Result> results = new ArrayList<>();
      for (JsonNode res : r.path("layers")) {
        results.add(new Result(res.path("layer").asInt(), GoTime.parse(res.path("createdAt").asText(null))));
      }
      List<List<Link>> inputs = new ArrayList<>();
      for (JsonNode alternatives : r.path("inputs")) {
        List<Link> alts = new ArrayList<>();
        for (JsonNode a : alternatives) alts.add(new Link(a.path("link").asInt(), a.path("selector").asText("")));
        inputs.add(alts);
      }
      records.add(new Record(r.path("digest").asText(), results, inputs));
    }
    return records;
  }

  /** The layer indexes of a result, base first, following {@code parent}. */
  public List<Integer> chain(int top) throws IOException {
    List<Integer> out = new ArrayList<>();
    for (int i = top; i >= 0; i = layers.get(i).parent()) {
      if (i >= layers.size() || out.size() > layers.size()) {
        throw new IOException("the cache config's layer " + top + " has a broken parent chain");
      }
      out.addFirst(i);
    }
    return out;
  }
}
