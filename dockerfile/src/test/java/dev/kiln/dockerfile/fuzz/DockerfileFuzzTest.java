package dev.kiln.dockerfile.fuzz;

import dev.kiln.dockerfile.convert.ConvertOptions;
import dev.kiln.dockerfile.convert.NamedContext;
import dev.kiln.llb.Platform;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Random and mutated Dockerfiles never crash the frontend: parse + validate + convert + marshal
 * either succeed or fail with the module's own exception naming a line ({@link FuzzHarness}).
 * Tries: {@code -Dkiln.fuzz.tries=N} in total (default {@value FuzzTries#DEFAULT_TOTAL}).
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class DockerfileFuzzTest {

    private static final List<Platform> PLATFORMS = List.of(Platform.parse("linux/arm64"), Platform.LINUX_AMD64);

    /** Named contexts for names the seeds and the generator use. */
    private static final Map<String, NamedContext> CONTEXTS = Map.of(
            "busybox", new NamedContext.DockerImage("alpine"),
            "build", new NamedContext.Local("ctx", List.of("*.md")),
            "alpine:3.18", new NamedContext.Git("https://github.com/a/b.git#main"),
            "b0::linux/arm64", new NamedContext.Http("https://example.com/x.tar"),
            "scratch", new NamedContext.DockerImage("busybox"));

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void mutatedSeedsFailCleanly(@ForAll("mutated") String dockerfile, @ForAll("options") ConvertOptions options) {
        Statistics.collect(FuzzHarness.check(dockerfile, options));
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void randomInstructionSequencesFailCleanly(@ForAll("random") String dockerfile,
            @ForAll("options") ConvertOptions options) {
        Statistics.collect(FuzzHarness.check(dockerfile, options));
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void mutatedRandomSequencesFailCleanly(@ForAll("mutatedRandom") String dockerfile,
            @ForAll("options") ConvertOptions options) {
        Statistics.collect(FuzzHarness.check(dockerfile, options));
    }

    @Provide
    Arbitrary<String> mutated() {
        return Combinators.combine(Arbitraries.of(FuzzCorpus.seeds()), mutations()).as(DockerfileFuzzTest::mutate);
    }

    @Provide
    Arbitrary<String> random() {
        return RandomDockerfiles.dockerfiles();
    }

    @Provide
    Arbitrary<String> mutatedRandom() {
        return Combinators.combine(RandomDockerfiles.dockerfiles(), mutations()).as(DockerfileFuzzTest::mutate);
    }

    /** Options that switch on the code paths the Dockerfile alone does not pick. */
    @Provide
    Arbitrary<ConvertOptions> options() {
        Arbitrary<String> target = Arbitraries.frequency(Tuple.of(12, ""), Tuple.of(1, "build"), Tuple.of(1, "b0"), Tuple.of(1, "nope"));
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<String> argA = Arbitraries.of("", "busybox", "${B}", "x y");
        Arbitrary<Integer> platforms = Arbitraries.integers().between(0, 2);
        return Combinators.combine(target, platforms, flag, argA, flag).as((t, platform, noCache, a, contexts) -> {
            ConvertOptions.Builder b = ConvertOptions.builder(new AnyImageResolver()).target(t).llbCaps(null);
            if (platform > 0) {
                b.targetPlatforms(PLATFORMS.subList(0, platform));
            }
            if (contexts) {
                CONTEXTS.forEach(b::namedContext);
            }
            if (noCache) {
                b.ignoreCache(List.of("build"));
            }
            if (!a.isEmpty()) {
                b.buildArg("A", a);
            }
            return b.build();
        });
    }

    private static Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Mutation.Kind.class),
                Arbitraries.doubles().between(0, 1).ofScale(4).filter(d -> d < 1),
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(0, 1000))
                .as(Mutation::new);
        // Mostly one or two edits, so most inputs get past the parser into the converter.
        return Arbitraries.frequency(Tuple.of(6, 1), Tuple.of(3, 2), Tuple.of(1, 5))
                .flatMap(n -> one.list().ofSize(n));
    }

    private static String mutate(String seed, List<Mutation> mutations) {
        String text = seed;
        for (Mutation m : mutations) {
            text = m.apply(text);
        }
        return text;
    }
}
