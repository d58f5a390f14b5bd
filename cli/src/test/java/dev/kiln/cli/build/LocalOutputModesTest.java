package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code type=local} attributes as BuildKit's local exporter reads them: {@code platform-split}
 * (defaults to splitting exactly when there are several platforms; merging refuses a file two
 * platforms both hold) and {@code mode=delete} (the directory ends up holding only the result).
 */
class LocalOutputModesTest {
  @TempDir Path tmp;

  private Path context(String dockerfile) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    return ctx;
  }

  private Cli build(Path context, String platforms, String output) throws Exception {
    List<String> argv = new ArrayList<>(List.of("build", context.toString(), "--root", tmp.resolve("state").toString(),
        "--progress", "quiet", "-o", output));
    if (platforms != null) argv.addAll(List.of("--opt", "platform=" + platforms));
    return Cli.run(argv.toArray(String[]::new));
  }

  @Test
  void withoutSplitThePlatformsAreMergedAtTheRoot() throws Exception {
    Path ctx = context("FROM scratch\nARG TARGETARCH\nCOPY hello.txt /app/$TARGETARCH.txt\n");
    Path out = tmp.resolve("out");
    Cli r = build(ctx, "linux/amd64,linux/arm64", "type=local,dest=" + out + ",platform-split=false");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("app/amd64.txt")).hasContent("hello");
    assertThat(out.resolve("app/arm64.txt")).hasContent("hello");
    assertThat(out.resolve("linux_amd64")).doesNotExist();
  }

  @Test
  void withoutSplitAFileOfTwoPlatformsIsAnErrorEvenWhenIdentical() throws Exception {
    Path ctx = context("FROM scratch\nCOPY hello.txt /app/\n");
    Cli r = build(ctx, "linux/amd64,linux/arm64", "type=local,dest=" + tmp.resolve("out") + ",platform-split=false");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("cannot overwrite app/hello.txt from linux/amd64 with linux/arm64 when split option is disabled");
  }

  @Test
  void splitAppliesToASinglePlatformWhenAsked() throws Exception {
    Path ctx = context("FROM scratch\nCOPY hello.txt /app/\n");
    Path out = tmp.resolve("out");
    Cli r = build(ctx, "linux/arm64", "type=local,dest=" + out + ",platform-split=true");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("linux_arm64/app/hello.txt")).hasContent("hello");
    assertThat(out.resolve("app")).doesNotExist();
  }

  @Test
  void modeDeleteRemovesWhatTheResultLacksAndCopyKeepsIt() throws Exception {
    Path ctx = context("FROM scratch\nCOPY hello.txt /app/\n");
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("app/old"));
    Files.writeString(out.resolve("app/old/file"), "old");
    Files.writeString(out.resolve("app/hello.txt"), "stale content of the same path");
    Files.writeString(out.resolve("stale.txt"), "stale");
    Files.createDirectories(out.resolve("hello.txt")); // a directory where the result has none

    Cli copy = build(ctx, null, "type=local,dest=" + out);
    assertThat(copy.exitCode()).as(copy.err()).isZero();
    assertThat(out.resolve("stale.txt")).exists();
    assertThat(out.resolve("app/old/file")).exists();

    Cli delete = build(ctx, null, "type=local,dest=" + out + ",mode=delete");
    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(out.resolve("app/hello.txt")).hasContent("hello");
    try (var entries = Files.walk(out)) {
      assertThat(entries.map(p -> out.relativize(p).toString()).sorted().toList())
          .containsExactly("", "app", "app/hello.txt");
    }
    try (var siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".kiln-output-"));
    }
  }

  @Test
  void anUnknownModeIsRefused() throws Exception {
    Path ctx = context("FROM scratch\nCOPY hello.txt /app/\n");
    Cli r = build(ctx, null, "type=local,dest=" + tmp.resolve("out") + ",mode=mirror");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("invalid local exporter mode 'mirror'");
  }
}
