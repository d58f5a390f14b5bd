package dev.kiln.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.kiln.llb.DeterministicProto;
import dev.kiln.llb.Digest;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LlbLoaderTest {
  static final Set<String> ALL = TestCaps.ALL;

  static Stream<Path> goldens() throws IOException {
    Path root = Path.of(System.getProperty("kiln.shared", "../../shared")).resolve("conformance/llb-golden");
    Stream<Path> api;
    try (Stream<Path> s = Files.list(root.resolve("api"))) {
      api = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList().stream();
    }
    try (Stream<Path> s = Files.list(root.resolve("dockerfile"))) {
      return Stream.concat(api, s.sorted().map(d -> d.resolve("def.normalized.bin")).toList().stream());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void loadsEveryGoldenDefinition(Path file) throws Exception {
    LlbLoader.Loaded loaded = LlbLoader.load(Definition.parseFrom(Files.readAllBytes(file)), ALL);
    assertThat(loaded.head().name()).isNotEmpty();
  }

  @Test
  void namesVerticesLikeBuildKit() throws Exception {
    State s = State.image("busybox").run(r -> r.args("echo", "hi")).root()
        .file(FileAction.mkdir("/a", 0755).thenCopy(State.local("ctx"), "x", "/y"));
    LlbLoader.Loaded l = LlbLoader.load(marshal(s), ALL);
    assertThat(l.head().name()).isEqualTo("mkdir /a, copy /x /y");
    assertThat(l.head().inputs().getFirst().vertex().name()).isEqualTo("echo hi");
  }

  @Test
  void rejectsDanglingInput() {
    Digest missing = Digest.of(new byte[] {1});
    Op op = Op.newBuilder().addInputs(Input.newBuilder().setDigest(missing.value())).build();
    Definition def = definition(fileOp(), op);
    assertThatThrownBy(() -> LlbLoader.load(def, ALL))
        .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("is not in the definition");
  }

  @Test
  void rejectsMissingCapability() throws Exception {
    Definition def = marshal(State.image("busybox"));
    assertThatThrownBy(() -> LlbLoader.load(def, Set.of()))
        .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("capability 'source.image'");
  }

  @Test
  void rejectsOutOfRangeActionInput() throws Exception {
    Definition good = marshal(State.scratch().file(FileAction.mkdir("/a", 0755)));
    Op op = Op.parseFrom(good.getDef(0));
    Op bad = op.toBuilder().setFile(op.getFile().toBuilder().setActions(0,
        op.getFile().getActions(0).toBuilder().setInput(3))).build();
    byte[] badBytes = DeterministicProto.bytes(bad);
    Op terminal = Op.newBuilder().addInputs(Input.newBuilder().setDigest(Digest.of(badBytes).value())).build();
    Definition def = Definition.newBuilder().addDef(ByteString.copyFrom(badBytes))
        .addDef(ByteString.copyFrom(DeterministicProto.bytes(terminal))).build();
    assertThatThrownBy(() -> LlbLoader.load(def, ALL))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("action 0 input refers to input 3")
        .hasMessageContaining(Digest.of(badBytes).value());
  }

  @Test
  void rejectsTooShortDefinitions() {
    assertThatThrownBy(() -> LlbLoader.load(Definition.getDefaultInstance(), ALL))
        .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("at least one op");
  }

  private static Op fileOp() {
    try {
      return Op.parseFrom(marshal(State.scratch().file(FileAction.mkdir("/a", 0755))).getDef(0));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Definition definition(Op... ops) {
    Definition.Builder b = Definition.newBuilder();
    for (Op op : ops) {
      byte[] bytes = DeterministicProto.bytes(op);
      b.addDef(ByteString.copyFrom(bytes));
      b.putMetadata(Digest.of(bytes).value(), OpMetadata.getDefaultInstance());
    }
    return b.build();
  }

  private static Definition marshal(State s) {
    return s.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64));
  }
}
