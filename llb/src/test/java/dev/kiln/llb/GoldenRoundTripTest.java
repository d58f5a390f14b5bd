package dev.kiln.llb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Op;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden Definition, and every op in it, re-marshals to exactly BuildKit's bytes. */
class GoldenRoundTripTest {
  static Stream<Path> definitions() {
    return Goldens.allDefinitions();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void definitionRemarshalsByteIdentically(Path file) throws Exception {
    byte[] golden = Goldens.bytes(file);
    Definition def = Definition.parseFrom(golden);
    assertThat(DeterministicProto.bytes(def)).isEqualTo(golden);
    for (ByteString opBytes : def.getDefList()) {
      Op op = Op.parseFrom(opBytes);
      assertThat(DeterministicProto.bytes(op)).isEqualTo(opBytes.toByteArray());
    }
  }
}
