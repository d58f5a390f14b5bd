package dev.kiln.llb;

/** Options of {@link State#git}. */
public final class GitOptions extends OpOptions<GitOptions> {
  boolean keepGitDir;
  String authTokenSecret = "GIT_AUTH_TOKEN";
  String authHeaderSecret = "GIT_AUTH_HEADER";
  boolean authExplicit;
  String knownSshHosts = "";
  String mountSshSock = "";
  String checksum = "";

  GitOptions() {}

  /**
   * The commit the ref must resolve to: a full hash or a prefix (of the commit, or of an
   * annotated tag's object); anything else fails the build.
   */
  public GitOptions checksum(String commit) {
    this.checksum = commit;
    return this;
  }

  /** Keeps the {@code .git} directory in the checkout. */
  public GitOptions keepGitDir() {
    this.keepGitDir = true;
    return this;
  }

  public GitOptions authTokenSecret(String secretId) {
    this.authTokenSecret = secretId;
    this.authExplicit = true;
    return this;
  }

  public GitOptions authHeaderSecret(String secretId) {
    this.authHeaderSecret = secretId;
    this.authExplicit = true;
    return this;
  }

  /** Adds a known_hosts line for SSH remotes. */
  public GitOptions knownSshHosts(String line) {
    String key = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    this.knownSshHosts = knownSshHosts + key + "\n";
    return this;
  }

  /** The SSH agent id from the build's session used to reach an SSH remote. */
  public GitOptions mountSshSock(String sshId) {
    this.mountSshSock = sshId;
    return this;
  }
}
