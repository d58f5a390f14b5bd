package dev.kiln.llb;

import dev.kiln.proto.pb.Op;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** A source op: an identifier such as {@code docker-image://…} or {@code local://…} plus attrs. */
public final class SourceVertex implements Vertex {
  public static final String ATTR_LOCAL_SESSION = "local.session";
  public static final String ATTR_LOCAL_UNIQUE = "local.unique";

  private final String identifier;
  private final SortedMap<String, String> attrs;
  private final Constraints constraints;

  SourceVertex(String identifier, Map<String, String> attrs, Constraints constraints) {
    this.identifier = identifier;
    this.attrs = new TreeMap<>(attrs);
    this.constraints = constraints;
  }

  public String identifier() {
    return identifier;
  }

  public Output output() {
    return new Output(this, 0);
  }

  @Override
  public Platform explicitPlatform() {
    return constraints.platform();
  }

  @Override
  public MarshaledOp marshal(MarshalContext ctx) {
    SortedMap<String, String> wireAttrs = new TreeMap<>(attrs);
    Constraints c = constraints;
    if (identifier.startsWith("local://") && !wireAttrs.containsKey(ATTR_LOCAL_SESSION)) {
      // Without a session the engine could merge unrelated local sources; keep them apart.
      wireAttrs.put(ATTR_LOCAL_UNIQUE, ctx.options().localUniqueId());
      c = c.withCaps(Set.of(LlbCaps.SOURCE_LOCAL_UNIQUE));
    }
    Platform platform = null;
    if (identifier.startsWith("docker-image://") || identifier.startsWith("oci-layout://")) {
      platform = c.platform() != null ? c.platform() : ctx.options().platform();
    }
    Op op =
        c.opBuilder(platform)
            .setSource(dev.kiln.proto.pb.SourceOp.newBuilder().setIdentifier(identifier).putAllAttrs(wireAttrs))
            .build();
    return MarshaledOp.of(op, c, List.of());
  }
}
