package dev.kiln.llb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How git remotes split into BuildKit's identifier and full URL. */
class GitRemoteTest {
  @Test
  void schemesAreDroppedFromTheIdentifierAndKeptInTheFullUrl() {
    assertThat(GitRemote.parse("https://github.com/o/r.git#v1")).isEqualTo(
        new GitRemote("github.com/o/r.git#v1", "https://github.com/o/r.git", false));
    assertThat(GitRemote.parse("github.com/o/r.git")).isEqualTo(
        new GitRemote("github.com/o/r.git", "https://github.com/o/r.git", false));
    assertThat(GitRemote.parse("git@github.com:o/r.git")).isEqualTo(
        new GitRemote("github.com/o/r.git", "git@github.com:o/r.git", true));
  }

  @Test
  void localFileRemotesKeepTheirFileUrl() {
    assertThat(GitRemote.parse("file:///srv/git/r.git")).isEqualTo(
        new GitRemote("/srv/git/r.git", "file:///srv/git/r.git", false));
  }
}
