package dev.kiln.engine.image;

import dev.kiln.llb.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Layer chain ids, as containerd and the OCI image spec define them: the first layer's chain id
 * is its diff id; each next one is {@code sha256(parentChainId + " " + diffId)}. A chain id names
 * a whole stack of layers, so two images with the same base layers share their unpacked
 * snapshots up to the first layer that differs.
 */
public final class ChainIds {
  private ChainIds() {}

  public static List<Digest> of(List<Digest> diffIds) {
    List<Digest> out = new ArrayList<>(diffIds.size());
    for (Digest diff : diffIds) {
      out.add(out.isEmpty() ? diff : Digest.of((out.getLast().value() + " " + diff.value()).getBytes(StandardCharsets.US_ASCII)));
    }
    return out;
  }
}
