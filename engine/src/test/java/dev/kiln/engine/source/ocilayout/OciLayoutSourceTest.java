package dev.kiln.engine.source.ocilayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.Digest;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oci-layout://} from a layout directory the caller names: platforms, tags, zstd, bad diff ids. */
class OciLayoutSourceTest {
  @TempDir Path tmp;

  private static byte[] layer(String file, String content) {
    return new TestLayer().dir("etc", 0755).file(file, content, 0644).tar();
  }

  private SolveResult solve(Engine engine, State state, Path layout) throws Exception {
    BuildInputs inputs = BuildInputs.NONE.withOciLayouts(Map.of("app", layout));
    return engine.solve(state.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64)), SolveRequest.of(inputs));
  }

  @Test
  void buildsAnIndexByDigestOrTagForTheOpPlatform() throws Exception {
    TestImage amd = TestImage.of("linux", "amd64", layer("etc/arch", "amd64\n"));
    TestImage arm = TestImage.of("linux", "arm64", layer("etc/arch", "arm64\n"));
    TestImage.Layout layout = new TestImage.Layout(tmp.resolve("layout")).addIndex("multi", List.of(amd, arm));
    Digest index = Digest.of(TestImage.index(List.of(amd, arm)));
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state")))) {
      try (SolveResult r = solve(engine, State.ociLayout("app@" + index.value(), o -> o.platform(Platform.LINUX_ARM64)), layout.dir());
          MountedTree t = r.open()) {
        assertThat(t.root().resolve("etc/arch")).hasContent("arm64");
      }
      try (SolveResult r = solve(engine, State.ociLayout("app:multi", o -> {}), layout.dir()); MountedTree t = r.open()) {
        assertThat(t.root().resolve("etc/arch")).hasContent("amd64");
      }
      // Same manifest by digest: the same cache entry.
      try (SolveResult r = solve(engine, State.ociLayout("app@" + amd.manifestDigest().value(), o -> {}), layout.dir())) {
        assertThat(r.cached()).isTrue();
      }
    }
  }

  @Test
  void unpacksZstdLayers() throws Exception {
    byte[] tar = layer("etc/zstd", "compressed with zstd\n");
    TestImage image = TestImage.assemble("linux", "amd64", List.of(TestLayer.zstd(tar)), List.of(TestImage.ZSTD),
        List.of(Digest.of(tar).value()));
    TestImage.Layout layout = new TestImage.Layout(tmp.resolve("layout")).add("z", image);
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state")));
        SolveResult r = solve(engine, State.ociLayout("app:z", o -> {}), layout.dir()); MountedTree t = r.open()) {
      assertThat(t.root().resolve("etc/zstd")).hasContent("compressed with zstd");
    }
  }

  @Test
  void aLayerNotMatchingItsDiffIdIsRejectedAndNotKept() throws Exception {
    byte[] tar = layer("etc/x", "x\n");
    String wrongDiffId = Digest.of(layer("etc/x", "y\n")).value();
    TestImage lying = TestImage.assemble("linux", "amd64", List.of(TestLayer.gzip(tar)), List.of(TestImage.GZIP), List.of(wrongDiffId));
    TestImage honest = TestImage.of("linux", "amd64", tar);
    TestImage.Layout layout = new TestImage.Layout(tmp.resolve("layout")).add("lying", lying).add("honest", honest);
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state")))) {
      assertThatThrownBy(() -> solve(engine, State.ociLayout("app:lying", o -> {}), layout.dir()))
          .hasStackTraceContaining("but the image config says " + wrongDiffId);
      assertThat(engine.imageStats().unpacks()).isZero();
      try (SolveResult r = solve(engine, State.ociLayout("app:honest", o -> {}), layout.dir()); MountedTree t = r.open()) {
        assertThat(t.root().resolve("etc/x")).hasContent("x");
      }
    }
  }

  @Test
  void anUnknownLayoutNameSaysHowToProvideIt() throws Exception {
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state")))) {
      assertThatThrownBy(() -> engine.solve(State.ociLayout("other:v1", o -> {}).marshal(MarshalOptions.defaults()),
          SolveRequest.of(BuildInputs.NONE)))
          .hasStackTraceContaining("OCI layout 'other' was not provided");
    }
  }
}
