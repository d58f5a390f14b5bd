package dev.kiln.llb.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DotDumpTest {
  private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final Pattern NODE =
      Pattern.compile("  " + QUOTED + " \\[label=" + QUOTED + " shape=" + QUOTED + "\\];");
  private static final Pattern EDGE =
      Pattern.compile("  " + QUOTED + " -> " + QUOTED + " \\[label=" + QUOTED + "\\];");

  static List<Goldens.Case> cases() {
    return Goldens.dumpCases();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void isAWellFormedDigraphOfAllOpsAndInputs(Goldens.Case golden) throws DefinitionException {
    DecodedDefinition def = DefinitionReader.read(Goldens.read(golden.bin()));
    List<String> lines = DotDump.render(def).lines().toList();

    assertThat(lines.getFirst()).isEqualTo("digraph {");
    assertThat(lines.getLast()).isEqualTo("}");
    Set<String> nodes = new HashSet<>();
    int edges = 0;
    for (String line : lines.subList(1, lines.size() - 1)) {
      Matcher node = NODE.matcher(line);
      Matcher edge = EDGE.matcher(line);
      if (node.matches()) {
        assertThat(edges).as("nodes come before edges").isZero();
        nodes.add(node.group(1));
      } else {
        assertThat(edge.matches()).as("node or edge: %s", line).isTrue();
        assertThat(nodes).as("edge endpoints are declared").contains(edge.group(1), edge.group(2));
        edges++;
      }
    }
    assertThat(nodes).hasSize(def.ops().size());
    assertThat(edges).isEqualTo(def.ops().stream().mapToInt(op -> op.op().getInputsCount()).sum());
  }

  @Test
  void labelsOpsLikeBuildctl() throws DefinitionException {
    var root = Goldens.root().resolve("api");
    String dot = DotDump.render(DefinitionReader.read(Goldens.read(root.resolve("06_exec_mounts.bin"))));

    assertThat(dot)
        .contains("[label=\"docker-image://docker.io/library/busybox:latest\" shape=\"ellipse\"];")
        .contains("[label=\"sh -c ls /mnt/alpine > /out/listing.txt\" shape=\"box\"];")
        .contains("[label=\"/mnt/alpine\"];")
        .contains("shape=\"plaintext\"];");
  }

  @Test
  void quotesLikeGo() {
    assertThat(GoQuote.quote("a\"b\\c\nd\u0001é\u00a0")).isEqualTo("\"a\\\"b\\\\c\\nd\\x01é\\u00a0\"");
  }
}
