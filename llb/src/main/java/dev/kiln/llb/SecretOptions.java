package dev.kiln.llb;

/** Options of a secret given to an exec, as a file (default) or an env var. */
public final class SecretOptions {
  String id;
  String target;
  String envName;
  int uid;
  int gid;
  int mode = 0400;
  boolean optional;

  SecretOptions(String dest) {
    this.id = dest;
    this.target = dest;
  }

  /** The secret's id in the build's secret store (default: the destination). */
  public SecretOptions id(String secretId) {
    this.id = secretId;
    return this;
  }

  public SecretOptions file(int uid, int gid, int mode) {
    this.uid = uid;
    this.gid = gid;
    this.mode = mode;
    return this;
  }

  /** Exposes the secret as the env var named by the destination instead of a file. */
  public SecretOptions asEnv() {
    this.envName = target;
    this.target = null;
    return this;
  }

  /** A missing secret is not an error. */
  public SecretOptions optional() {
    this.optional = true;
    return this;
  }
}
