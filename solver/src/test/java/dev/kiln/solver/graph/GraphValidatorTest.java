package dev.kiln.solver.graph;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphValidatorTest {
  @Test
  void acceptsADag() {
    var graph = Map.of("a", List.<String>of(), "b", List.of("a"), "c", List.of("a", "b"));
    assertThatCode(() -> GraphValidator.validate(graph)).doesNotThrowAnyException();
  }

  @Test
  void namesTheVertexWithADanglingInput() {
    var graph = Map.of("a", List.<String>of(), "b", List.of("a", "ghost"));
    assertThatThrownBy(() -> GraphValidator.validate(graph))
        .isInstanceOf(GraphException.class)
        .hasMessage("vertex b has input ghost, which the definition does not contain")
        .extracting(e -> ((GraphException) e).vertexId()).isEqualTo("b");
  }

  @Test
  void reportsTheCyclePath() {
    var graph = new LinkedHashMap<String, List<String>>();
    graph.put("root", List.of("x"));
    graph.put("x", List.of("y"));
    graph.put("y", List.of("z"));
    graph.put("z", List.of("x"));
    assertThatThrownBy(() -> GraphValidator.validate(graph))
        .isInstanceOf(GraphException.class)
        .hasMessage("cycle: x → y → z → x");
  }

  @Test
  void aSelfLoopIsACycle() {
    assertThatThrownBy(() -> GraphValidator.validate(Map.of("a", List.of("a"))))
        .hasMessage("cycle: a → a");
  }

  @Test
  void deepChainsDoNotOverflowTheStack() {
    var graph = new HashMap<String, List<String>>();
    graph.put("v0", List.of());
    for (int i = 1; i < 200_000; i++) {
      graph.put("v" + i, List.of("v" + (i - 1)));
    }
    assertThatCode(() -> GraphValidator.validate(graph)).doesNotThrowAnyException();
  }
}
