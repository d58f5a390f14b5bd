package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.SourceOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code kiln debug dump-llb} in-process with captured streams. */
class DumpLlbCommandTest {
  private static final Path API = Path.of(System.getProperty("kiln.shared"), "conformance", "llb-golden", "api");
  private static final Path GOLDEN_BIN = API.resolve("06_exec_mounts.bin");
  private static final Path GOLDEN_JSON = API.resolve("06_exec_mounts.json");

  private record Result(int exitCode, String out, String err) {}

  private static Result kiln(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Result dumpStdin(byte[] stdin) {
    return kiln(stdin, "debug", "dump-llb");
  }

  @Test
  void printsGoldenFileExactlyLikeBuildctl() throws IOException {
    Result result = kiln(new byte[0], "debug", "dump-llb", GOLDEN_BIN.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(Files.readString(GOLDEN_JSON));
  }

  @Test
  void readsStandardInputWhenFileIsAbsentOrDash() throws IOException {
    byte[] bin = Files.readAllBytes(GOLDEN_BIN);
    String expected = Files.readString(GOLDEN_JSON);

    assertThat(dumpStdin(bin)).isEqualTo(new Result(0, expected, ""));
    assertThat(kiln(bin, "debug", "dump-llb", "-")).isEqualTo(new Result(0, expected, ""));
  }

  @Test
  void dotPrintsAGraph() throws IOException {
    Result result = kiln(Files.readAllBytes(GOLDEN_BIN), "debug", "dump-llb", "--dot");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("digraph {\n").endsWith("}\n").contains(" -> ");
  }

  @Test
  void garbageIsOneLineError() {
    Result result = dumpStdin("\u00ff\u00ff\u00ff\u00ff not llb".getBytes(StandardCharsets.ISO_8859_1));

    assertOneLineError(result, "kiln: error: not an LLB definition: ");
  }

  @Test
  void truncatedInputIsOneLineError() throws IOException {
    byte[] bin = Files.readAllBytes(GOLDEN_BIN);

    Result result = dumpStdin(Arrays.copyOf(bin, bin.length / 2));

    assertOneLineError(result, "kiln: error: not an LLB definition: ");
  }

  @Test
  void emptyInputIsOneLineError() {
    assertOneLineError(dumpStdin(new byte[0]), "kiln: error: not an LLB definition: it contains no ops");
  }

  @Test
  void danglingInputDigestIsOneLineError() {
    String dangling = "sha256:" + "ab".repeat(32);
    Op source = Op.newBuilder().setSource(SourceOp.newBuilder().setIdentifier("local://ctx")).build();
    Op terminal = Op.newBuilder().addInputs(Input.newBuilder().setDigest(dangling)).build();
    byte[] def =
        Definition.newBuilder()
            .addDef(source.toByteString())
            .addDef(terminal.toByteString())
            .build()
            .toByteArray();

    assertOneLineError(
        dumpStdin(def),
        "kiln: error: op 1 (" + Digest.of(terminal.toByteArray()) + ") input 0 refers to unknown digest " + dangling);
  }

  @Test
  void missingFileIsOneLineError(@TempDir Path dir) {
    Path missing = dir.resolve("nope.bin");

    assertOneLineError(
        kiln(new byte[0], "debug", "dump-llb", missing.toString()),
        "kiln: error: cannot read " + missing + ": no such file");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(kiln(new byte[0], "debug", "dump-llb", "--bogus").exitCode()).isEqualTo(2);
    assertThat(kiln(new byte[0], "debug", "dump-llb", "a.bin", "b.bin").exitCode()).isEqualTo(2);
  }

  @Test
  void helpListsTheCommand() {
    Result result = kiln(new byte[0], "debug", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("dump-llb");
  }

  private static void assertOneLineError(Result result, String expectedStart) {
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(expectedStart).endsWith(System.lineSeparator());
    assertThat(result.err().lines()).hasSize(1);
  }
}
