package dev.kiln.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Outside tools (skopeo, umoci) and a tree comparison. */
final class Tools {
  private Tools() {}

  static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", argv) + "\n" + out).isZero();
    return out;
  }

  /** Every path under {@code root} with what an unpacked image must reproduce. */
  static TreeMap<String, String> describe(Path root) throws IOException {
    TreeMap<String, String> out = new TreeMap<>();
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.equals(root)).forEach(paths::add);
    }
    for (Path p : paths) {
      Stat st = PosixFiles.lstat(p);
      String what = Integer.toOctalString(st.mode()) + " " + st.uid() + ":" + st.gid();
      if (st.isSymlink()) what += " -> " + Files.readSymbolicLink(p);
      else if (st.isRegularFile()) what += " sha=" + dev.kiln.llb.Digest.of(Files.readAllBytes(p));
      else if (st.isSpecial()) what += " rdev=" + st.rdev();
      out.put(root.relativize(p).toString(), what);
    }
    return out;
  }
}
