package dev.kiln.llb.dump;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a marshalled {@code pb.Definition} and checks that it is a graph: every entry is an
 * {@code Op} and every input names an op that comes earlier. Digests are taken over the exact
 * entry bytes, never over a re-serialization, so they match BuildKit's.
 */
public final class DefinitionReader {
  private DefinitionReader() {}

  public static DecodedDefinition read(byte[] bytes) throws DefinitionException {
    Definition definition = parseDefinition(bytes);
    if (definition.getDefCount() == 0) {
      throw new DefinitionException("not an LLB definition: it contains no ops");
    }
    List<DecodedOp> ops = new ArrayList<>(definition.getDefCount());
    Set<String> earlier = new HashSet<>();
    for (int i = 0; i < definition.getDefCount(); i++) {
      DecodedOp op = decodeOp(definition, i);
      checkInputs(op, earlier);
      earlier.add(op.digest().value());
      ops.add(op);
    }
    return new DecodedDefinition(bytes, definition, ops);
  }

  private static Definition parseDefinition(byte[] bytes) throws DefinitionException {
    try {
      return Definition.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new DefinitionException("not an LLB definition: " + oneLine(e));
    }
  }

  private static DecodedOp decodeOp(Definition definition, int index) throws DefinitionException {
    ByteString raw = definition.getDef(index);
    Digest digest = Digest.of(raw.toByteArray());
    try {
      Op op = Op.parseFrom(raw);
      var metadata = Optional.ofNullable(definition.getMetadataMap().get(digest.value()));
      return new DecodedOp(index, raw, digest, op, metadata);
    } catch (InvalidProtocolBufferException e) {
      throw new DefinitionException(
          "op %d (%s) is not an LLB op: %s".formatted(index, digest, oneLine(e)));
    }
  }

  // Def order is dependencies-first, so an input must name an op already seen.
  private static void checkInputs(DecodedOp op, Set<String> earlier) throws DefinitionException {
    List<Input> inputs = op.op().getInputsList();
    for (int i = 0; i < inputs.size(); i++) {
      String target = inputs.get(i).getDigest();
      if (!earlier.contains(target)) {
        throw new DefinitionException(
            "op %d (%s) input %d refers to unknown digest %s"
                .formatted(op.index(), op.digest(), i, target.isEmpty() ? "\"\"" : target));
      }
    }
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().replaceAll("\\s+", " "); // one line, single spaces
  }
}
