package dev.kiln.engine.cache.contenthash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Xattrs;
import dev.kiln.llb.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHasherTest {
  @TempDir Path root;
  ContentHasher hasher = new ContentHasher(2);

  @AfterEach
  void close() {
    hasher.close();
  }

  @BeforeEach
  void tree() throws Exception {
    write("app/main.c", "int main;");
    write("app/lib/util.c", "util");
    write("app/README", "readme");
  }

  Path write(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  Digest sum(String path) throws Exception {
    return hasher.checksum(root, path, ChecksumOptions.DEFAULT);
  }

  @Test
  void stableAndShaped() throws Exception {
    Digest d = sum("/app");
    assertThat(d.value()).startsWith("sha256:");
    assertThat(sum("/app")).isEqualTo(d);
    assertThat(sum("app/")).isEqualTo(d);
    assertThat(sum("/app/main.c")).isNotEqualTo(sum("/app/README"));
  }

  @Test
  void everyMetadataChangeFlipsTheDigest() throws Exception {
    Path f = root.resolve("app/main.c");
    Digest before = sum("/app");
    List<Step> changes = List.of(
        () -> Files.writeString(f, "int main2;"),
        () -> PosixFiles.chmod(f, 0600),
        () -> PosixFiles.chmod(f, 04600),
        () -> PosixFiles.lchown(f, 1000, 0),
        () -> PosixFiles.lchown(f, 1000, 1000),
        () -> Xattrs.set(f, "user.a", new byte[] {1}),
        () -> Xattrs.set(f, "user.a", new byte[] {2}),
        () -> PosixFiles.chmod(root.resolve("app/lib"), 0700),
        () -> Files.move(root.resolve("app/README"), root.resolve("app/README.md")),
        () -> Files.createSymbolicLink(root.resolve("app/link"), Path.of("main.c")));
    for (Step change : changes) {
      change.run();
      Digest after = sum("/app");
      assertThat(after).isNotEqualTo(before);
      before = after;
    }
  }

  interface Step {
    void run() throws Exception;
  }

  @Test
  void symlinkTargetCountsAndFollowLinks() throws Exception {
    Files.createSymbolicLink(root.resolve("l"), Path.of("app/main.c"));
    Digest link = sum("/l");
    Files.delete(root.resolve("l"));
    Files.createSymbolicLink(root.resolve("l"), Path.of("app/README"));
    assertThat(sum("/l")).isNotEqualTo(link);
    ChecksumOptions follow = new ChecksumOptions(true, false, List.of(), List.of());
    assertThat(hasher.checksum(root, "/l", follow)).isEqualTo(sum("/app/README"));
  }

  @Test
  void timesDoNotCount() throws Exception {
    Digest before = sum("/app");
    Instant t = Instant.parse("2000-01-01T00:00:00Z");
    PosixFiles.setTimes(root.resolve("app/main.c"), t, t);
    PosixFiles.setTimes(root.resolve("app"), t, t);
    assertThat(sum("/app")).isEqualTo(before);
  }

  @Test
  void independentOfCreationOrder() throws Exception {
    for (String name : List.of("a", "b", "c", "d")) {
      write("one/" + name, name);
    }
    for (String name : List.of("d", "b", "c", "a")) {
      write("two/" + name, name);
    }
    assertThat(sum("/one")).isEqualTo(sum("/two"));
  }

  @Test
  void wildcardCoversEveryMatch() throws Exception {
    ChecksumOptions wild = new ChecksumOptions(false, true, List.of(), List.of());
    Digest before = hasher.checksum(root, "/app/*.c", wild);
    write("app/README", "changed, not matched");
    assertThat(hasher.checksum(root, "/app/*.c", wild)).isEqualTo(before);
    write("app/new.c", "new match");
    assertThat(hasher.checksum(root, "/app/*.c", wild)).isNotEqualTo(before);
  }

  @Test
  void includeAndExcludePatterns() throws Exception {
    ChecksumOptions onlyC = new ChecksumOptions(false, false, List.of("**/*.c"), List.of("lib"));
    Digest before = hasher.checksum(root, "/app", onlyC);
    write("app/README", "not included");
    write("app/lib/util.c", "excluded");
    assertThat(hasher.checksum(root, "/app", onlyC)).isEqualTo(before);
    write("app/main.c", "included");
    assertThat(hasher.checksum(root, "/app", onlyC)).isNotEqualTo(before);
  }

  @Test
  void missingPathIsNamed() {
    assertThatThrownBy(() -> sum("/nope/x"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("/nope/x");
  }

  @Test
  void immutableCacheCostsNothingTheSecondTime() throws Exception {
    ImmutableChecksums cache = new ImmutableChecksums(hasher);
    Digest d = cache.checksum("snap1", root, "/app", ChecksumOptions.DEFAULT);
    long hashed = hasher.filesHashed();
    assertThat(hashed).isEqualTo(3);
    assertThat(cache.checksum("snap1", root, "/app", ChecksumOptions.DEFAULT)).isEqualTo(d);
    assertThat(cache.checksum("snap1", root, "/app/lib", ChecksumOptions.DEFAULT))
        .isEqualTo(sum("/app/lib"));
    long afterSub = hasher.filesHashed();
    cache.checksum("snap1", root, "/app/lib", ChecksumOptions.DEFAULT);
    assertThat(hasher.filesHashed()).isEqualTo(afterSub);
    cache.forget("snap1");
    cache.checksum("snap1", root, "/app", ChecksumOptions.DEFAULT);
    assertThat(hasher.filesHashed()).isEqualTo(afterSub + 3);
  }

  @Test
  void immutableCacheForgetsLeastRecentlyUsedTreesBeyondItsBound() throws Exception {
    // "/app" holds 3 files and 2 directories: 5 entries and 1 result a tree
    ImmutableChecksums cache = new ImmutableChecksums(hasher, 14);
    Digest d = cache.checksum("snap1", root, "/app", ChecksumOptions.DEFAULT);
    cache.checksum("snap2", root, "/app", ChecksumOptions.DEFAULT);
    cache.checksum("snap1", root, "/app", ChecksumOptions.DEFAULT); // snap1 is now the most recent
    long hashed = hasher.filesHashed();
    assertThat(cache.checksum("snap3", root, "/app", ChecksumOptions.DEFAULT)).isEqualTo(d);
    assertThat(cache.trees()).isEqualTo(2); // snap2, the least recently used, was dropped
    cache.checksum("snap1", root, "/app", ChecksumOptions.DEFAULT);
    assertThat(hasher.filesHashed()).isEqualTo(hashed + 3); // snap1 still remembered
    cache.checksum("snap2", root, "/app", ChecksumOptions.DEFAULT);
    assertThat(hasher.filesHashed()).isEqualTo(hashed + 6); // snap2 hashed again
  }

  @Test
  void localContextRevalidatesByStat() throws Exception {
    for (int i = 0; i < 50; i++) {
      write("ctx/d" + (i % 5) + "/f" + i, "file " + i);
    }
    // As if the files were written a while ago: just-written ones are "racy" and always re-hashed.
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
    LocalContextChecksums ctx = new LocalContextChecksums(hasher, root, Optional.empty(), later);
    Digest first = ctx.checksum("/ctx", ChecksumOptions.DEFAULT);
    long hashed = hasher.filesHashed();
    assertThat(ctx.checksum("/ctx", ChecksumOptions.DEFAULT)).isEqualTo(first);
    assertThat(hasher.filesHashed()).isEqualTo(hashed); // a stat walk only

    write("ctx/d1/f1", "changed");
    Digest changed = ctx.checksum("/ctx", ChecksumOptions.DEFAULT);
    assertThat(changed).isNotEqualTo(first);
    assertThat(hasher.filesHashed()).isEqualTo(hashed + 1);
    assertThat(changed).isEqualTo(sum("/ctx")); // same answer as from scratch
  }

  @Test
  void aLocalContextMemoFileSparesTheNextProcessFromHashing() throws Exception {
    for (int i = 0; i < 50; i++) {
      write("ctx/d" + (i % 5) + "/f" + i, "file " + i);
    }
    Path memo = root.resolve("memo/ctx.memo");
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)); // nothing is "racy" then
    Digest first = new LocalContextChecksums(hasher, root, Optional.of(memo), later).checksum("/ctx", ChecksumOptions.DEFAULT);
    long hashed = hasher.filesHashed();

    assertThat(new LocalContextChecksums(hasher, root, Optional.of(memo), later).checksum("/ctx", ChecksumOptions.DEFAULT))
        .isEqualTo(first);
    assertThat(hasher.filesHashed()).as("a new instance reads the memo: a stat walk only").isEqualTo(hashed);

    write("ctx/d1/f1", "changed");
    Digest changed = new LocalContextChecksums(hasher, root, Optional.of(memo), later).checksum("/ctx", ChecksumOptions.DEFAULT);
    assertThat(hasher.filesHashed()).isEqualTo(hashed + 1);
    assertThat(changed).isEqualTo(sum("/ctx")).isNotEqualTo(first);

    Files.write(memo, "garbage".getBytes(StandardCharsets.UTF_8));
    assertThat(new LocalContextChecksums(hasher, root, Optional.of(memo), later).checksum("/ctx", ChecksumOptions.DEFAULT))
        .as("an unreadable memo costs hashing, not correctness").isEqualTo(changed);
  }

  @Test
  void theMemoFileKeepsWhatTheWalkSawAndWhatStillExistsOutsideIt() throws Exception {
    for (int i = 0; i < 6; i++) {
      write("ctx/a/f" + i, "a " + i);
      write("ctx/b/f" + i, "b " + i);
    }
    Path memo = root.resolve("memo/ctx.memo");
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
    new LocalContextChecksums(hasher, root, Optional.of(memo), later).checksum("/ctx/a", ChecksumOptions.DEFAULT);
    new LocalContextChecksums(hasher, root, Optional.of(memo), later).checksum("/ctx/b", ChecksumOptions.DEFAULT);
    assertThat(MemoFile.read(memo, root)).as("the walk of b keeps a's files, which still exist").hasSize(12);

    Files.delete(root.resolve("ctx/a/f0"));
    write("ctx/b/f1", "b changed"); // something to learn, so the memo is written again
    new LocalContextChecksums(hasher, root, Optional.of(memo), later).checksum("/ctx/b", ChecksumOptions.DEFAULT);
    assertThat(MemoFile.read(memo, root)).as("a removed file outside the walk is dropped")
        .hasSize(11).doesNotContainKey("/ctx/a/f0").containsKey("/ctx/b/f1");

    long hashed = hasher.filesHashed();
    Digest all = new LocalContextChecksums(hasher, root, Optional.of(memo), later).checksum("/ctx", ChecksumOptions.DEFAULT);
    assertThat(hasher.filesHashed()).as("every remaining file is known from the memo").isEqualTo(hashed);
    assertThat(all).isEqualTo(sum("/ctx"));
  }

  @Test
  void justChangedFilesAreHashedAgainEvenWhenTheirStatLooksTheSame() throws Exception {
    for (int i = 0; i < 10; i++) {
      write("ctx/f" + i, "file " + i);
    }
    Path memo = root.resolve("memo/ctx.memo");
    Clock now = Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC); // the files' ctime is "now"
    LocalContextChecksums ctx = new LocalContextChecksums(hasher, root, Optional.of(memo), now);
    Digest first = ctx.checksum("/ctx", ChecksumOptions.DEFAULT);
    // Same size, likely the same timestamp tick: only hashing again can see this change.
    write("ctx/f3", "FILE 3");
    assertThat(ctx.checksum("/ctx", ChecksumOptions.DEFAULT)).isNotEqualTo(first).isEqualTo(sum("/ctx"));
    long hashed = hasher.filesHashed();
    new LocalContextChecksums(hasher, root, Optional.of(memo), now).checksum("/ctx", ChecksumOptions.DEFAULT);
    assertThat(hasher.filesHashed()).as("nor are they trusted from the memo file").isEqualTo(hashed + 10);
  }

  @Test
  void theRacyMarginWidensForWholeSecondTimestamps() {
    Instant now = Instant.parse("2026-01-01T00:00:10.000Z");
    assertThat(LocalContextChecksums.racy(Instant.parse("2026-01-01T00:00:09.990Z"), now)).isTrue();
    assertThat(LocalContextChecksums.racy(Instant.parse("2026-01-01T00:00:09.900Z"), now)).isFalse();
    assertThat(LocalContextChecksums.racy(Instant.parse("2026-01-01T00:00:08Z"), now)).isTrue();
    assertThat(LocalContextChecksums.racy(Instant.parse("2026-01-01T00:00:07Z"), now)).isFalse();
  }
}
