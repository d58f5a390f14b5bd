package dev.kiln.llb;

/** Options of an SSH agent socket forwarded into an exec. */
public final class SshOptions {
  String id = "";
  String target = "";
  int uid;
  int gid;
  int mode = 0600;
  boolean optional;

  SshOptions() {}

  public SshOptions id(String sshId) {
    this.id = sshId;
    return this;
  }

  /** Socket path (default {@code /run/buildkit/ssh_agent.N}). */
  public SshOptions target(String path) {
    this.target = path;
    return this;
  }

  public SshOptions socket(String path, int uid, int gid, int mode) {
    this.target = path;
    this.uid = uid;
    this.gid = gid;
    this.mode = mode;
    return this;
  }

  public SshOptions optional() {
    this.optional = true;
    return this;
  }
}
