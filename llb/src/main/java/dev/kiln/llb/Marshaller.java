package dev.kiln.llb;

import com.google.protobuf.ByteString;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Location;
import dev.kiln.proto.pb.Locations;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import dev.kiln.proto.pb.Position;
import dev.kiln.proto.pb.Range;
import dev.kiln.proto.pb.Source;
import dev.kiln.proto.pb.SourceInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a graph into a {@code Definition}: ops in canonical order (post-order DFS, inputs in
 * {@code Op.inputs} order, each digest once), metadata merged per digest, then the terminal op.
 */
final class Marshaller {
  private final MarshalContext ctx;
  private final Set<Vertex> visited = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Digest, byte[]> ops = new LinkedHashMap<>();
  private final Map<Digest, OpMetadata> metadata = new LinkedHashMap<>();
  private final Map<Digest, List<SourceLocation>> locations = new LinkedHashMap<>();

  private Marshaller(MarshalOptions options) {
    this.ctx = new MarshalContext(options);
  }

  static Definition marshal(State state, MarshalOptions options) {
    if (state.output() == null) {
      return Definition.getDefaultInstance();
    }
    return new Marshaller(options).run(state.output());
  }

  private Definition run(Output head) {
    visit(head.vertex());
    Input headInput = ctx.input(head);
    byte[] terminal = DeterministicProto.bytes(Op.newBuilder().addInputs(headInput).build());
    Digest terminalDigest = Digest.of(terminal);
    OpMetadata terminalMetadata = terminalMetadata();

    Definition.Builder def = Definition.newBuilder();
    ops.values().forEach(b -> def.addDef(ByteString.copyFrom(b)));
    def.addDef(ByteString.copyFrom(terminal));
    Map<String, OpMetadata> sorted = new TreeMap<>();
    metadata.forEach((d, m) -> sorted.put(d.value(), m));
    sorted.put(terminalDigest.value(), terminalMetadata);
    def.putAllMetadata(sorted);
    def.setSource(sourceMap());
    return def.build();
  }

  private void visit(Vertex v) {
    if (!visited.add(v)) return;
    MarshaledOp m = ctx.marshal(v);
    for (Vertex in : m.inputVertices()) {
      visit(in);
    }
    metadata.merge(m.digest(), m.metadata(), Marshaller::mergeMetadata);
    if (!ops.containsKey(m.digest())) {
      ops.put(m.digest(), m.bytes());
      locations.put(m.digest(), new ArrayList<>(m.locations()));
    }
  }

  /** Later metadata wins key by key; flags and caps accumulate, as in BuildKit's client. */
  private static OpMetadata mergeMetadata(OpMetadata a, OpMetadata b) {
    OpMetadata.Builder m = a.toBuilder();
    if (b.getIgnoreCache()) m.setIgnoreCache(true);
    m.putAllDescription(b.getDescriptionMap());
    if (b.hasExportCache()) m.setExportCache(b.getExportCache());
    m.putAllCaps(b.getCapsMap());
    if (b.hasProgressGroup()) m.setProgressGroup(b.getProgressGroup());
    return m.build();
  }

  private OpMetadata terminalMetadata() {
    OpMetadata.Builder md = OpMetadata.newBuilder()
        .putCaps(LlbCaps.CONSTRAINTS, true)
        .putCaps(LlbCaps.PLATFORM, true);
    for (OpMetadata m : metadata.values()) {
      if (m.getIgnoreCache()) md.putCaps(LlbCaps.META_IGNORE_CACHE, true);
      if (m.getDescriptionCount() > 0) md.putCaps(LlbCaps.META_DESCRIPTION, true);
      if (m.hasExportCache()) md.putCaps(LlbCaps.META_EXPORT_CACHE, true);
    }
    return md.build();
  }

  private Source sourceMap() {
    Map<SourceMap, Integer> index = new IdentityHashMap<>();
    Set<SourceMap> order = new LinkedHashSet<>();
    Source.Builder source = Source.newBuilder();
    Map<String, Locations> byDigest = new TreeMap<>();
    locations.forEach((digest, locs) -> {
      Locations.Builder l = Locations.newBuilder();
      for (SourceLocation loc : locs) {
        int i = index.computeIfAbsent(loc.sourceMap(), sm -> {
          order.add(sm);
          return index.size();
        });
        l.addLocations(Location.newBuilder().setSourceIndex(i).addAllRanges(loc.ranges().stream().map(Marshaller::range).toList()));
      }
      byDigest.put(digest.value(), l.build());
    });
    for (SourceMap sm : order) {
      source.addInfos(SourceInfo.newBuilder().setFilename(sm.filename()).setData(ByteString.copyFrom(sm.data())).setLanguage(sm.language()));
    }
    return source.putAllLocations(byDigest).build();
  }

  private static Range range(SourceLocation.Range r) {
    return Range.newBuilder()
        .setStart(Position.newBuilder().setLine(r.start().line()).setCharacter(r.start().character()))
        .setEnd(Position.newBuilder().setLine(r.end().line()).setCharacter(r.end().character()))
        .build();
  }
}
