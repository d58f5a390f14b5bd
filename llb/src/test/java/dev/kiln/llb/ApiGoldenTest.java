package dev.kiln.llb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.proto.pb.Definition;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each API golden graph rebuilt with the Java API yields BuildKit's digests, in BuildKit's
 * (canonical) order, and the whole Definition byte for byte.
 */
class ApiGoldenTest {
  static Stream<Arguments> graphs() {
    MarshalOptions base = ApiGraphs.options();
    return Stream.of(
        graph("01_image_run", ApiGraphs::g01ImageRun, base),
        graph("02_image_platform_resolvemode", ApiGraphs::g02ImagePlatformResolveMode, base),
        graph("03_local_source", ApiGraphs::g03LocalSource, base),
        graph("04_file_mkdir_mkfile_rm", ApiGraphs::g04FileMkdirMkfileRm, base),
        graph("05_file_copy_options", ApiGraphs::g05FileCopyOptions, base),
        graph("06_exec_mounts", ApiGraphs::g06ExecMounts, base),
        graph("07_exec_meta", ApiGraphs::g07ExecMeta, base),
        graph("08_git_https", ApiGraphs::g08GitHttps, base),
        graph("09_http_source", ApiGraphs::g09HttpSource, base),
        graph("10_merge", ApiGraphs::g10Merge, base),
        graph("11_diff", ApiGraphs::g11Diff, base),
        graph("12_diamond", ApiGraphs::g12Diamond, base),
        graph("13_build_op.inner", ApiGraphs::g13Inner, base),
        graph("13_build_op", ApiGraphs::g13BuildOp, base),
        graph("14_oci_layout", ApiGraphs::g14OciLayout, base),
        graph("15_image_attrs", ApiGraphs::g15ImageAttrs, base),
        graph("16_local_session", ApiGraphs::g16LocalSession, base),
        graph("17_git_ssh", ApiGraphs::g17GitSsh, base),
        graph("18_source_map", ApiGraphs::g18SourceMap, base),
        graph("19_exec_caps_all", ApiGraphs::g19and20Env, base.withCaps(ApiGraphs.allCaps())),
        graph("20_exec_caps_none", ApiGraphs::g19and20Env, base.withCaps(Set.of())),
        graph("21_exec_readonly_rootfs", ApiGraphs::g21ReadonlyRootfs, base));
  }

  private static Arguments graph(String name, Supplier<State> build, MarshalOptions options) {
    return Arguments.of(name, build, options);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void reproducesDigestsInOrder(String name, Supplier<State> build, MarshalOptions options) {
    Definition def = build.get().marshal(options);
    List<String> digests = def.getDefList().stream().map(b -> Digest.of(b.toByteArray()).value()).toList();
    assertThat(digests).containsExactlyElementsOf(Goldens.lines(Goldens.api(name + ".digests")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void reproducesWholeDefinitionBytes(String name, Supplier<State> build, MarshalOptions options) throws Exception {
    byte[] golden = Goldens.bytes(Goldens.api(name + ".bin"));
    Definition def = build.get().marshal(options);
    assertThat(def).isEqualTo(Definition.parseFrom(golden));
    assertThat(DeterministicProto.bytes(def)).isEqualTo(golden);
  }
}
