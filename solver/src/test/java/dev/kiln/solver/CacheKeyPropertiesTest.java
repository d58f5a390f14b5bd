package dev.kiln.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.solver.cache.InMemoryCacheKeyStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Cache keys are a pure function of op digests, selectors and graph shape. */
class CacheKeyPropertiesTest {
  /** One input of a node: the index of an earlier node and a selector. */
  record InputSpec(int from, String selector) {}

  record NodeSpec(String opDigest, List<InputSpec> inputs) {}

  /** Nodes in topological order: inputs only point to earlier nodes. */
  record GraphSpec(List<NodeSpec> nodes) {
    GraphSpec withNode(int index, UnaryOperator<NodeSpec> change) {
      var copy = new ArrayList<>(nodes);
      copy.set(index, change.apply(copy.get(index)));
      return new GraphSpec(copy);
    }

    boolean reaches(int from, int to) { // is "to" an ancestor of (or equal to) "from"?
      if (from == to) {
        return true;
      }
      return nodes.get(from).inputs().stream().anyMatch(in -> reaches(in.from(), to));
    }
  }

  @Provide
  Arbitrary<GraphSpec> graphs() {
    return Arbitraries.integers().between(1, 10).flatMap(size -> {
      var nodes = new ArrayList<Arbitrary<NodeSpec>>();
      for (int i = 0; i < size; i++) {
        nodes.add(node(i));
      }
      return Combinators.combine(nodes).as(GraphSpec::new);
    });
  }

  private static Arbitrary<NodeSpec> node(int index) {
    var op = Arbitraries.of("sha256:a", "sha256:b", "sha256:c");
    if (index == 0) {
      return op.map(d -> new NodeSpec(d, List.of()));
    }
    var input = Combinators.combine(Arbitraries.integers().between(0, index - 1), Arbitraries.of("", "/src", "/out"))
        .as(InputSpec::new);
    return Combinators.combine(op, input.list().ofMaxSize(3)).as(NodeSpec::new);
  }

  @Property(tries = 100)
  void sameGraphSameKeysAcrossSolversAndJobs(@ForAll("graphs") GraphSpec graph) {
    assertThat(keys(graph, "v", "name")).isEqualTo(keys(graph, "v", "name"));
  }

  @Property(tries = 100)
  void keysIgnoreVertexDigestsNamesAndDescriptions(@ForAll("graphs") GraphSpec graph) {
    assertThat(keys(graph, "other-digest-", "other name")).isEqualTo(keys(graph, "v", "name"));
  }

  @Property(tries = 100)
  void changingAnOpDigestChangesExactlyItsDescendantsKeys(@ForAll("graphs") GraphSpec graph,
      @ForAll("indices") int pick) {
    int changed = pick % graph.nodes().size();
    var before = keys(graph, "v", "name");
    var after = keys(graph.withNode(changed, n -> new NodeSpec(n.opDigest() + "-changed", n.inputs())), "v", "name");
    for (int i = 0; i < before.size(); i++) {
      if (graph.reaches(i, changed)) {
        assertThat(after.get(i)).as("node %d depends on %d", i, changed).isNotEqualTo(before.get(i));
      } else {
        assertThat(after.get(i)).as("node %d is independent of %d", i, changed).isEqualTo(before.get(i));
      }
    }
  }

  @Property(tries = 100)
  void changingASelectorChangesTheKey(@ForAll("graphs") GraphSpec graph, @ForAll("indices") int pick) {
    int changed = nodeWithInputs(graph, pick);
    var changedGraph = graph.withNode(changed, n -> {
      var inputs = new ArrayList<>(n.inputs());
      var first = inputs.getFirst();
      inputs.set(0, new InputSpec(first.from(), first.selector() + "/changed"));
      return new NodeSpec(n.opDigest(), inputs);
    });
    assertThat(keys(changedGraph, "v", "name").get(changed)).isNotEqualTo(keys(graph, "v", "name").get(changed));
  }

  @Property(tries = 100)
  void pointingAnInputElsewhereChangesTheKey(@ForAll("graphs") GraphSpec graph, @ForAll("indices") int pick) {
    int changed = nodeWithInputs(graph, pick);
    var node = graph.nodes().get(changed);
    var before = keys(graph, "v", "name");
    int oldSource = node.inputs().getFirst().from();
    Optional<Integer> newSource = differentlyKeyed(before, changed, oldSource);
    Assume.that(newSource.isPresent());
    var changedGraph = graph.withNode(changed, n -> {
      var inputs = new ArrayList<>(n.inputs());
      inputs.set(0, new InputSpec(newSource.get(), inputs.getFirst().selector()));
      return new NodeSpec(n.opDigest(), inputs);
    });
    assertThat(keys(changedGraph, "v", "name").get(changed)).isNotEqualTo(before.get(changed));
  }

  @Provide
  Arbitrary<Integer> indices() {
    return Arbitraries.integers().between(0, 1000);
  }

  /** The pick-th node (modulo) among those that have inputs; rejects graphs without such nodes. */
  private static int nodeWithInputs(GraphSpec graph, int pick) {
    var candidates = new ArrayList<Integer>();
    for (int i = 0; i < graph.nodes().size(); i++) {
      if (!graph.nodes().get(i).inputs().isEmpty()) {
        candidates.add(i);
      }
    }
    Assume.that(!candidates.isEmpty());
    return candidates.get(pick % candidates.size());
  }

  private static Optional<Integer> differentlyKeyed(List<String> keys, int node, int oldSource) {
    for (int i = 0; i < node; i++) {
      if (!keys.get(i).equals(keys.get(oldSource))) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The definition key of every node, computed by a fresh solver. */
  private static List<String> keys(GraphSpec graph, String digestPrefix, String namePrefix) {
    var vertices = new ArrayList<Vertex>();
    for (int i = 0; i < graph.nodes().size(); i++) {
      var node = graph.nodes().get(i);
      var edges = node.inputs().stream().map(in -> vertices.get(in.from()).output()).toList();
      var op = new SpecOp(node);
      var options = new VertexOptions(false, namePrefix + "-group", namePrefix + " description " + i);
      vertices.add(Vertex.of(digestPrefix + i, namePrefix + " " + i, op, edges, 1, options));
    }
    var solver = new Solver(new InMemoryCacheKeyStorage(), id -> Optional.empty());
    try (var job = solver.newJob(JobOptions.defaults())) {
      return vertices.stream().map(v -> job.definitionKey(v.output())).toList();
    }
  }

  /** An op that only has a cache map. */
  private record SpecOp(NodeSpec spec) implements Op {
    @Override
    public CacheMap cacheMap(OpContext ctx) {
      return new CacheMap(spec.opDigest(), spec.inputs().stream().map(in -> CacheMap.Dep.selected(in.selector())).toList());
    }

    @Override
    public List<Result> exec(OpContext ctx, List<Result> inputs) {
      throw new UnsupportedOperationException("keys only");
    }
  }

  @Property(tries = 100)
  void twoNodesShareAKeyExactlyWhenTheirRecipesAgree(@ForAll("graphs") GraphSpec graph) {
    var keys = keys(graph, "v", "name");
    var signatures = new ArrayList<String>();
    for (var node : graph.nodes()) {
      signatures.add(node.opDigest() + node.inputs().stream().map(in -> in.selector() + "=" + keys.get(in.from())).toList());
    }
    for (int i = 0; i < keys.size(); i++) {
      for (int j = 0; j < keys.size(); j++) {
        assertThat(keys.get(i).equals(keys.get(j))).isEqualTo(signatures.get(i).equals(signatures.get(j)));
      }
    }
  }
}
