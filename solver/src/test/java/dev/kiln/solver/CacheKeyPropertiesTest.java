package dev.kiln.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.solver.cache.InMemoryCacheKeyStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Cache keys are a pure function of op digests, selectors and graph shape. Each property runs on
 * random graphs drawn from a fixed seed, so a failure reproduces; the case number is in the message.
 */
class CacheKeyPropertiesTest {
  private static final long SEED = 0x6b696c6e5eedL;
  private static final int TRIES = 100;
  private static final List<String> OPS = List.of("sha256:a", "sha256:b", "sha256:c");
  private static final List<String> SELECTORS = List.of("", "/src", "/out");

  /** A property over one random graph and one random pick; cases that do not apply return early. */
  private interface GraphProperty {
    void check(GraphSpec graph, int pick);
  }

  private static void forAll(GraphProperty property) {
    Random random = new Random(SEED);
    for (int i = 0; i < TRIES; i++) {
      GraphSpec graph = randomGraph(random);
      int pick = random.nextInt(1001);
      try {
        property.check(graph, pick);
      } catch (AssertionError e) {
        throw new AssertionError("case " + i + " (seed " + SEED + "): " + graph + " pick " + pick, e);
      }
    }
  }
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

  private static GraphSpec randomGraph(Random r) {
    int size = 1 + r.nextInt(10);
    var nodes = new ArrayList<NodeSpec>();
    for (int i = 0; i < size; i++) {
      var inputs = new ArrayList<InputSpec>();
      for (int n = i == 0 ? 0 : r.nextInt(4); n > 0; n--) {
        inputs.add(new InputSpec(r.nextInt(i), SELECTORS.get(r.nextInt(SELECTORS.size()))));
      }
      nodes.add(new NodeSpec(OPS.get(r.nextInt(OPS.size())), inputs));
    }
    return new GraphSpec(nodes);
  }

  @Test
  void sameGraphSameKeysAcrossSolversAndJobs() {
    forAll((graph, pick) -> assertThat(keys(graph, "v", "name")).isEqualTo(keys(graph, "v", "name")));
  }

  @Test
  void keysIgnoreVertexDigestsNamesAndDescriptions() {
    forAll((graph, pick) -> assertThat(keys(graph, "other-digest-", "other name")).isEqualTo(keys(graph, "v", "name")));
  }

  @Test
  void changingAnOpDigestChangesExactlyItsDescendantsKeys() {
    forAll(CacheKeyPropertiesTest::opDigestChangeReachesExactlyDescendants);
  }

  private static void opDigestChangeReachesExactlyDescendants(GraphSpec graph, int pick) {
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

  @Test
  void changingASelectorChangesTheKey() {
    forAll(CacheKeyPropertiesTest::selectorChangeChangesKey);
  }

  private static void selectorChangeChangesKey(GraphSpec graph, int pick) {
    Optional<Integer> node = nodeWithInputs(graph, pick);
    if (node.isEmpty()) return;
    int changed = node.get();
    var changedGraph = graph.withNode(changed, n -> {
      var inputs = new ArrayList<>(n.inputs());
      var first = inputs.getFirst();
      inputs.set(0, new InputSpec(first.from(), first.selector() + "/changed"));
      return new NodeSpec(n.opDigest(), inputs);
    });
    assertThat(keys(changedGraph, "v", "name").get(changed)).isNotEqualTo(keys(graph, "v", "name").get(changed));
  }

  @Test
  void pointingAnInputElsewhereChangesTheKey() {
    forAll(CacheKeyPropertiesTest::inputChangeChangesKey);
  }

  private static void inputChangeChangesKey(GraphSpec graph, int pick) {
    Optional<Integer> node = nodeWithInputs(graph, pick);
    if (node.isEmpty()) return;
    int changed = node.get();
    var spec = graph.nodes().get(changed);
    var before = keys(graph, "v", "name");
    int oldSource = spec.inputs().getFirst().from();
    Optional<Integer> newSource = differentlyKeyed(before, changed, oldSource);
    if (newSource.isEmpty()) return;
    var changedGraph = graph.withNode(changed, n -> {
      var inputs = new ArrayList<>(n.inputs());
      inputs.set(0, new InputSpec(newSource.get(), inputs.getFirst().selector()));
      return new NodeSpec(n.opDigest(), inputs);
    });
    assertThat(keys(changedGraph, "v", "name").get(changed)).isNotEqualTo(before.get(changed));
  }

  /** The pick-th node (modulo) among those that have inputs, if any. */
  private static Optional<Integer> nodeWithInputs(GraphSpec graph, int pick) {
    var candidates = new ArrayList<Integer>();
    for (int i = 0; i < graph.nodes().size(); i++) {
      if (!graph.nodes().get(i).inputs().isEmpty()) {
        candidates.add(i);
      }
    }
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(pick % candidates.size()));
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

  @Test
  void twoNodesShareAKeyExactlyWhenTheirRecipesAgree() {
    forAll((graph, pick) -> recipesDecideKeyEquality(graph));
  }

  private static void recipesDecideKeyEquality(GraphSpec graph) {
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
