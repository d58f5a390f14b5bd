package dev.kiln.llb.dump;

import static dev.kiln.llb.dump.TestDefinitions.digest;
import static dev.kiln.llb.dump.TestDefinitions.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.kiln.proto.pb.BuildOp;
import dev.kiln.proto.pb.ChownOpt;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.FileAction;
import dev.kiln.proto.pb.FileActionMkDir;
import dev.kiln.proto.pb.FileOp;
import dev.kiln.proto.pb.Mount;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import dev.kiln.proto.pb.SecretOpt;
import dev.kiln.proto.pb.UserOpt;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Go/gogo JSON rules that the goldens do not exercise. */
class JsonDumpTest {
  private static final String METADATA_KEY = ",\"OpMetadata\":";

  private static String line(Op op, OpMetadata metadata) {
    var decoded =
        new DecodedOp(0, op.toByteString(), digest(op), op, Optional.ofNullable(metadata));
    String line = JsonDump.line(decoded);
    assertThat(line).startsWith("{\"Op\":").endsWith("}\n");
    return line;
  }

  /** The "Op" value of the op's line. */
  private static String op(Op op) {
    String line = line(op, null);
    return line.substring("{\"Op\":".length(), line.indexOf(",\"Digest\":"));
  }

  /** The "OpMetadata" value of a line with this metadata. */
  private static String metadata(OpMetadata metadata) {
    String line = line(source("x"), metadata);
    return line.substring(line.indexOf(METADATA_KEY) + METADATA_KEY.length(), line.length() - 2);
  }

  @Test
  void missingMetadataIsGoZeroValueWhoseCapsMapIsNull() {
    // OpMetadata.caps is a non-nullable gogo map without omitempty: a nil map prints as null.
    assertThat(metadata(null)).isEqualTo("{\"caps\":null}");
    assertThat(metadata(OpMetadata.newBuilder().setIgnoreCache(true).build()))
        .isEqualTo("{\"ignore_cache\":true,\"caps\":null}");
  }

  @Test
  void mapKeysAreSortedByBytes() {
    OpMetadata meta =
        OpMetadata.newBuilder()
            .putDescription("b", "2")
            .putDescription("a", "1")
            .putDescription("\uFF5E", "bmp")
            .putDescription("\uD83D\uDE00", "astral")
            .putCaps("z", true)
            .build();

    assertThat(metadata(meta))
        .isEqualTo(
            "{\"description\":{\"a\":\"1\",\"b\":\"2\",\"\uFF5E\":\"bmp\",\"\uD83D\uDE00\":\"astral\"},"
                + "\"caps\":{\"z\":true}}");
  }

  @Test
  void unsetOneofIsNullAndZeroScalarMemberIsEmptyObject() {
    FileAction noAction = FileAction.newBuilder().setInput(-1).build();
    UserOpt byIdZero = UserOpt.newBuilder().setByID(0).build();
    FileAction mkdir =
        FileAction.newBuilder()
            .setMkdir(
                FileActionMkDir.newBuilder()
                    .setOwner(
                        ChownOpt.newBuilder()
                            .setUser(byIdZero)
                            .setGroup(UserOpt.getDefaultInstance())))
            .build();
    Op op =
        Op.newBuilder()
            .setFile(FileOp.newBuilder().addActions(noAction).addActions(mkdir))
            .build();

    assertThat(op(op))
        .isEqualTo(
            "{\"Op\":{\"file\":{\"actions\":["
                + "{\"input\":-1,\"secondaryInput\":0,\"output\":0,\"Action\":null},"
                + "{\"input\":0,\"secondaryInput\":0,\"output\":0,\"Action\":{\"mkdir\":"
                + "{\"owner\":{\"user\":{\"User\":{}},\"group\":{\"User\":null}}}}}]}}}");
  }

  @Test
  void setButEmptyMessagesPrintAsEmptyObjects() {
    Op op = Op.newBuilder().setExec(ExecOp.getDefaultInstance()).build();

    assertThat(op(op)).isEqualTo("{\"Op\":{\"exec\":{}}}");
  }

  @Test
  void unsignedFieldsPrintUnsigned() {
    Mount secret = Mount.newBuilder().setSecretOpt(SecretOpt.newBuilder().setUid(-1)).build();
    Op op = Op.newBuilder().setExec(ExecOp.newBuilder().addMounts(secret)).build();

    assertThat(op(op))
        .isEqualTo(
            "{\"Op\":{\"exec\":{\"mounts\":[{\"input\":0,\"output\":0,"
                + "\"secretOpt\":{\"uid\":4294967295}}]}}}");
  }

  @Test
  void nestedDefinitionPrintsDefsAsBase64AndMetadataEvenWhenEmpty() {
    Definition inner =
        Definition.newBuilder().addDef(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
    Op op = Op.newBuilder().setBuild(BuildOp.newBuilder().setDef(inner)).build();

    assertThat(op(op))
        .isEqualTo(
            "{\"Op\":{\"build\":{\"builder\":0,"
                + "\"def\":{\"def\":[\"AQID\"],\"metadata\":null}}}}");
  }
}
