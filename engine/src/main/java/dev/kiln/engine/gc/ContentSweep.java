package dev.kiln.engine.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.snapshot.Leases;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes content blobs nothing refers to. Roots: layer blobs recorded for snapshots
 * ({@code layer_blobs}), the http source's downloads ({@code http_validators}: each is a usage
 * record of its own, removed by policy), blobs held by leases (expired ones are deleted first) and the images
 * names were resolved to ({@code image_names}), with
 * everything their indexes and manifests list. The gzip chunk index ({@code layer_chunks}) keeps
 * nothing alive: its rows of deleted blobs are deleted after them. Runs only while no build runs (a build may be
 * about to reuse a blob it found in the store), so it needs no finer protection.
 */
final class ContentSweep {
  /** Larger blobs are layers, not indexes or manifests: not worth parsing. */
  private static final long MAX_MANIFEST = 4 << 20;

  /** Made when a manifest is first parsed: the engine builds its sweep at start, and an empty store has none. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final Database db;
  private final FileContentStore content;

  ContentSweep(Database db, FileContentStore content) {
    this.db = db;
    this.content = content;
  }

  /** Deletes unreferenced blobs; returns the bytes freed. */
  long run() throws IOException {
    Set<Digest> live = reachable(roots());
    long freed = 0;
    List<Digest> deleted = new ArrayList<>();
    for (Digest d : content.list()) {
      if (live.contains(d)) continue;
      freed += content.size(d).orElse(0L);
      content.delete(d);
      deleted.add(d);
    }
    forgetChunks(deleted);
    return freed;
  }

  /**
   * The gzip chunks recorded in deleted blobs ({@code layer_chunks}) go after the blobs: a crash in
   * between leaves rows that readers check against the store and skip.
   */
  private void forgetChunks(List<Digest> deleted) throws IOException {
    if (deleted.isEmpty()) return;
    db.writeIo("forget layer chunks", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM layer_chunks WHERE blob = ?")) {
        for (Digest d : deleted) {
          ps.setString(1, d.value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private Set<Digest> roots() throws IOException {
    return db.readIo("content roots", c -> {
      Set<Digest> out = new HashSet<>();
      for (String sql : new String[] {"SELECT digest FROM layer_blobs", "SELECT digest FROM image_names",
          "SELECT digest FROM http_validators",
          "SELECT r.resource FROM lease_resources r JOIN leases l ON l.id = r.lease WHERE r.kind = '" + Leases.CONTENT + "'"}) {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(Digest.parse(rs.getString(1)));
        }
      }
      return out;
    });
  }

  private Set<Digest> reachable(Set<Digest> roots) throws IOException {
    Set<Digest> seen = new HashSet<>(roots);
    Deque<Digest> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      Digest d = todo.pop();
      long size = content.size(d).orElse(Long.MAX_VALUE);
      if (size > MAX_MANIFEST) continue;
      JsonNode doc;
      try (InputStream in = content.open(d)) {
        doc = Json.MAPPER.readTree(in);
      } catch (IOException notJson) {
        continue;
      }
      if (doc == null || !doc.isObject()) continue;
      for (JsonNode desc : children(doc)) {
        JsonNode digest = desc.get("digest");
        if (digest == null || !digest.isTextual()) continue;
        try {
          Digest child = Digest.parse(digest.asText());
          if (seen.add(child)) todo.push(child);
        } catch (IllegalArgumentException ignored) {
          // not a digest this store can hold
        }
      }
    }
    return seen;
  }

  private static Iterable<JsonNode> children(JsonNode doc) {
    var out = new ArrayList<JsonNode>();
    for (String list : new String[] {"manifests", "layers"}) {
      if (doc.get(list) instanceof JsonNode n && n.isArray()) n.forEach(out::add);
    }
    if (doc.get("config") instanceof JsonNode config && config.isObject()) out.add(config);
    return out;
  }
}
