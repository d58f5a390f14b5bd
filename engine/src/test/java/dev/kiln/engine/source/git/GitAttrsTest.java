package dev.kiln.engine.source.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.SymbolicRef;
import org.junit.jupiter.api.Test;

/** Parsing git identifiers and choosing among advertised refs, without a remote. */
class GitAttrsTest {
  private static final ObjectId A = ObjectId.fromString("1111111111111111111111111111111111111111");
  private static final ObjectId B = ObjectId.fromString("2222222222222222222222222222222222222222");
  private static final ObjectId C = ObjectId.fromString("3333333333333333333333333333333333333333");

  @Test
  void splitsRefAndSubdirAndDefaultsToHttps() {
    GitAttrs a = GitAttrs.of("github.com/o/r.git#v1.2:docs/", Map.of());
    assertThat(a.url()).isEqualTo("https://github.com/o/r.git");
    assertThat(a.ref()).isEqualTo("v1.2");
    assertThat(a.subdir()).isEqualTo("docs");
    assertThat(a.keepGitDir()).isFalse();
    assertThat(a.authTokenSecret()).isEqualTo("GIT_AUTH_TOKEN");
    assertThat(a.host()).isEqualTo("github.com");
    GitAttrs full = GitAttrs.of("h/r.git", Map.of("git.fullurl", "http://user:pw@h:8080/r.git", "git.keepgitdir", "true"));
    assertThat(full.ref()).isEmpty();
    assertThat(full.keepGitDir()).isTrue();
    assertThat(full.publicUrl()).isEqualTo("http://h:8080/r.git");
  }

  @Test
  void rejectsSubdirsThatLeaveTheRepositoryAndBadFlags() {
    assertThatThrownBy(() -> GitAttrs.of("h/r#main:../etc", Map.of())).hasMessageContaining("must stay inside");
    assertThatThrownBy(() -> GitAttrs.of("h/r", Map.of("git.keepgitdir", "yes"))).hasMessageContaining("git.keepgitdir");
    assertThatThrownBy(() -> GitAttrs.of("h/r", Map.of("git.checksum", "foobar")))
        .hasMessage("invalid checksum foobar: expected hex commit hash");
  }

  @Test
  void tagsWinOverBranchesAndAnnotatedTagsPeel() {
    Ref branch = new ObjectIdRef.PeeledNonTag(Ref.Storage.NETWORK, "refs/heads/x", A);
    Ref tag = new ObjectIdRef.PeeledTag(Ref.Storage.NETWORK, "refs/tags/x", B, C);
    Ref main = new ObjectIdRef.PeeledNonTag(Ref.Storage.NETWORK, "refs/heads/main", A);
    Ref head = new SymbolicRef("HEAD", main);
    Map<String, Ref> refs = Map.of("refs/heads/x", branch, "refs/tags/x", tag, "refs/heads/main", main, "HEAD", head);
    assertThat(RemoteRefs.find("x", refs)).get().isEqualTo(new RemoteRefs.Match(C, "refs/tags/x", B));
    assertThat(RemoteRefs.find("refs/heads/x", refs)).get().isEqualTo(new RemoteRefs.Match(A, "refs/heads/x", null));
    assertThat(RemoteRefs.find("", refs)).get().isEqualTo(new RemoteRefs.Match(A, "refs/heads/main", null));
    assertThat(RemoteRefs.find("nope", refs)).isEmpty();
    assertThat(RemoteRefs.isFullCommit(A.name())).isTrue();
    assertThat(RemoteRefs.isShortCommit("abc1234")).isTrue();
    assertThat(RemoteRefs.isShortCommit("main")).isFalse();
  }
}
