package dev.kiln.dockerfile.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.dockerfile.convert.ConvertOptions;
import dev.kiln.dockerfile.convert.NamedContext;
import dev.kiln.llb.Platform;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated Dockerfiles never crash the frontend: parse + validate + convert + marshal
 * either succeed or fail with the module's own exception naming a line ({@link FuzzHarness}).
 * Inputs come from a seeded generator, so a failure names the seed and try that reproduce it.
 * Tries: {@code -Dkiln.fuzz.tries=N} in total (default {@value FuzzTries#DEFAULT_TOTAL}).
 */
class DockerfileFuzzTest {
  private static final List<Platform> PLATFORMS = List.of(Platform.parse("linux/arm64"), Platform.LINUX_AMD64);

  /** Named contexts for names the seeds and the generator use. */
  private static final Map<String, NamedContext> CONTEXTS = Map.of(
      "busybox", new NamedContext.DockerImage("alpine"),
      "build", new NamedContext.Local("ctx", List.of("*.md")),
      "alpine:3.18", new NamedContext.Git("https://github.com/a/b.git#main"),
      "b0::linux/arm64", new NamedContext.Http("https://example.com/x.tar"),
      "scratch", new NamedContext.DockerImage("busybox"));

  @Test
  void mutatedSeedsFailCleanly() {
    List<String> seeds = FuzzCorpus.seeds();
    run(1, r -> Mutation.mutate(seeds.get(r.nextInt(seeds.size())), r));
  }

  @Test
  void randomInstructionSequencesFailCleanly() {
    run(2, RandomDockerfiles::dockerfile);
  }

  @Test
  void mutatedRandomSequencesFailCleanly() {
    run(3, r -> Mutation.mutate(RandomDockerfiles.dockerfile(r), r));
  }

  private static void run(int property, Function<Random, String> inputs) {
    long seed = FuzzTries.seed() + property;
    Random random = new Random(seed);
    Map<String, Integer> outcomes = new HashMap<>();
    int tries = FuzzTries.perProperty();
    for (int i = 0; i < tries; i++) {
      String dockerfile = inputs.apply(random);
      ConvertOptions options = options(random);
      try {
        String outcome = FuzzHarness.check(dockerfile, options);
        outcomes.merge(outcome.startsWith("rejected") ? "rejected cleanly" : outcome, 1, Integer::sum);
      } catch (AssertionError e) {
        throw new AssertionError("try " + i + " of seed " + seed + " (-Dkiln.fuzz.seed=" + FuzzTries.seed()
            + "): " + e.getMessage() + "\n--- Dockerfile ---\n" + dockerfile, e);
      }
    }
    assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(tries);
    System.out.println("[fuzz] property " + property + ": " + tries + " tries, " + outcomes);
  }

  /** Options that switch on the code paths the Dockerfile alone does not pick. */
  private static ConvertOptions options(Random r) {
    int t = r.nextInt(15);
    String target = t < 12 ? "" : t == 12 ? "build" : t == 13 ? "b0" : "nope";
    List<String> argValues = List.of("", "busybox", "${B}", "x y");
    String a = argValues.get(r.nextInt(argValues.size()));
    int platforms = r.nextInt(3);
    ConvertOptions.Builder b = ConvertOptions.builder(new AnyImageResolver()).target(target).llbCaps(null);
    if (platforms > 0) b.targetPlatforms(PLATFORMS.subList(0, platforms));
    if (r.nextBoolean()) CONTEXTS.forEach(b::namedContext);
    if (r.nextBoolean()) b.ignoreCache(List.of("build"));
    if (!a.isEmpty()) b.buildArg("A", a);
    return b.build();
  }
}
