package dev.kiln.llb.dump;

import dev.kiln.proto.pb.Definition;
import java.util.List;

/**
 * A validated LLB definition: the original bytes, the parsed message and its ops in Def order
 * (the last one is the terminal op).
 */
public record DecodedDefinition(byte[] bytes, Definition definition, List<DecodedOp> ops) {
  public DecodedDefinition {
    bytes = bytes.clone();
    ops = List.copyOf(ops);
  }

  /** A copy of the bytes this definition was read from. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
