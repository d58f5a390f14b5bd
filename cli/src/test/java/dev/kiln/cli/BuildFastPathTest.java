package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.build.BuildFlags;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** `kiln build` read without picocli: the same options, and the same reading wherever it answers. */
class BuildFastPathTest {
  private static final Stdio STDIO = new Stdio(new ByteArrayInputStream(new byte[0]),
      new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
  private static final List<String> HELP = List.of("-h", "--help", "-V", "--version");

  @Test
  void itKnowsExactlyTheOptionsOfTheAnnotationsEachWithItsKind() {
    Map<String, BuildFastPath.Kind> annotated = new TreeMap<>();
    for (OptionSpec o : new CommandLine(new BuildCommand(STDIO)).getCommandSpec().options()) {
      BuildFastPath.Kind kind = o.typeInfo().isBoolean() ? BuildFastPath.Kind.FLAG
          : o.typeInfo().isMultiValue() ? BuildFastPath.Kind.LIST : BuildFastPath.Kind.SINGLE;
      for (String name : o.names()) if (!HELP.contains(name)) annotated.put(name, kind);
    }
    Map<String, BuildFastPath.Kind> table = new TreeMap<>();
    BuildFastPath.OPTIONS.forEach((name, opt) -> table.put(name, opt.kind()));
    assertThat(table).isEqualTo(annotated);
    assertThat(new CommandLine(new BuildCommand(STDIO)).getCommandSpec().findOption("--progress").defaultValue())
        .isEqualTo(BuildFastPath.DEFAULT_PROGRESS);
  }

  @Test
  void plainCommandLinesReadAsPicocliReadsThem() throws Exception {
    List<List<String>> lines = List.of(
        List.of("build"),
        List.of("build", "."),
        List.of("build", "ctx", "--progress", "rawjson", "-o", "type=oci,dest=out.tar,compression=gzip", "--root", "/s"),
        List.of("build", "--frontend=dockerfile.v0", "--local", "context=.", "--local=dockerfile=.", "--opt", "target=a"),
        List.of("build", ".", "-f", "Other.Dockerfile", "-t", "a:1", "--tag", "b:2", "--build-arg", "K=V", "--no-cache"),
        List.of("build", "--addr", "unix:///run/kiln/kilnd.sock", ".", "--tlscacert", "ca.pem", "--tlscert=c.pem",
            "--tlskey", "k.pem", "--tlsservername", "kilnd"),
        List.of("build", ".", "--secret", "id=a,src=a.txt", "--ssh", "default", "--oci-layout", "base=dir",
            "--export-cache", "type=inline", "--import-cache", "type=local,src=c", "--allow", "network.host",
            "--metadata-file", "m.json", "--target", "t", "--platform", "linux/amd64", "--config", "k.toml"),
        List.of("build", "", "--root="));
    for (List<String> line : lines) {
      String[] args = line.toArray(String[]::new);
      assertThat(BuildFastPath.parse(STDIO, args)).as("%s", line).isPresent();
      assertThat(fields(BuildFastPath.parse(STDIO, args).orElseThrow())).as("%s", line).isEqualTo(fields(picocli(args)));
    }
  }

  @Test
  void randomPlainCommandLinesReadAsPicocliReadsThem() throws Exception {
    Random random = new Random(20261127);
    List<String> names = new ArrayList<>(BuildFastPath.OPTIONS.keySet());
    names.sort(null);
    for (int n = 0; n < 300; n++) {
      List<String> line = new ArrayList<>(List.of("build"));
      java.util.Set<BuildFastPath.Opt> used = new java.util.HashSet<>();
      for (int k = random.nextInt(8); k > 0; k--) {
        String name = names.get(random.nextInt(names.size()));
        BuildFastPath.Opt opt = BuildFastPath.OPTIONS.get(name);
        if (opt.kind() != BuildFastPath.Kind.LIST && !used.add(opt)) continue;
        String value = "v" + random.nextInt(100) + (random.nextBoolean() ? "=x,y" : "");
        if (opt.kind() == BuildFastPath.Kind.FLAG) {
          line.add(name);
        } else if (name.startsWith("--") && random.nextBoolean()) {
          line.add(name + "=" + value);
        } else {
          line.add(name);
          line.add(value);
        }
      }
      if (random.nextBoolean()) line.add(1 + random.nextInt(line.size()), "context" + n);
      String[] args = line.toArray(String[]::new);
      assertThat(BuildFastPath.parse(STDIO, args)).as("%s", line).isPresent();
      assertThat(fields(BuildFastPath.parse(STDIO, args).orElseThrow())).as("%s", line).isEqualTo(fields(picocli(args)));
    }
  }

  @Test
  void everyOtherShapeIsLeftToPicocli() {
    List<List<String>> lines = List.of(
        List.of(), List.of("du"), List.of("--addr", "unix:///s", "build", "."),
        List.of("build", "--help"), List.of("build", "-h"), List.of("build", "-V"),
        List.of("build", "a", "b"), List.of("build", "--frontend", "x", "--frontend", "y"),
        List.of("build", "-f", "a", "--file", "b"), List.of("build", "--no-cache", "--no-cache"),
        List.of("build", "@args.txt"), List.of("build", "-o", "@out"), List.of("build", "--unknown"),
        List.of("build", "-o"), List.of("build", "-o", "--no-cache"), List.of("build", "-o", "-"),
        List.of("build", "--no-cache=true"), List.of("build", "--"), List.of("build", "-otype=tar"),
        List.of("build", "-o=type=tar"), List.of("build", "--outp", "type=tar"), List.of("build", "-"));
    for (List<String> line : lines) {
      assertThat(BuildFastPath.parse(STDIO, line.toArray(String[]::new))).as("%s", line).isEmpty();
    }
  }

  private static BuildCommand picocli(String... args) {
    CommandLine root = new CommandLine(new KilnCommand());
    root.addSubcommand("build", new CommandLine(new BuildCommand(STDIO)));
    CommandLine.ParseResult parsed = root.parseArgs(args);
    return (BuildCommand) parsed.subcommand().commandSpec().userObject();
  }

  /** Every field of the command's flags and connection options, by name. */
  private static Map<String, Object> fields(BuildCommand command) throws IllegalAccessException {
    Map<String, Object> values = new TreeMap<>();
    for (Field f : BuildFlags.class.getDeclaredFields()) values.put("flags." + f.getName(), f.get(command.flags));
    for (Field f : ConnectionOptions.class.getDeclaredFields()) {
      f.setAccessible(true);
      values.put("connection." + f.getName(), String.valueOf(f.get(command.connection)));
    }
    return values;
  }
}
