package dev.kiln.engine.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to run and how, after the op runner has resolved it (BuildKit's {@code executor.Meta}).
 *
 * @param args argv; {@code args[0]} is looked up in the container's PATH by runc
 * @param env {@code KEY=value} entries; a default PATH is added when none is set
 * @param cwd absolute working directory inside the container, created when missing
 * @param user {@code name}, {@code uid}, {@code uid:gid}, {@code name:group}; empty means root
 * @param hostname the container's hostname; empty means {@value #DEFAULT_HOSTNAME}
 * @param removeMountStubsRecursive remove every directory created only to hold a mount point, not
 *     just the mount point itself (BuildKit's cap of the same name)
 */
public record Meta(
    List<String> args,
    List<String> env,
    String cwd,
    String user,
    String hostname,
    List<HostIp> extraHosts,
    List<Ulimit> ulimits,
    NetworkMode network,
    SecurityMode security,
    boolean removeMountStubsRecursive) {

  public static final String DEFAULT_HOSTNAME = "kiln";

  public Meta {
    args = List.copyOf(args);
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a process needs at least one argument");
    }
    env = List.copyOf(env);
    Objects.requireNonNull(cwd, "cwd");
    if (!cwd.startsWith("/")) {
      throw new IllegalArgumentException("cwd must be absolute: '" + cwd + "'");
    }
    Objects.requireNonNull(user, "user");
    hostname = hostname == null || hostname.isEmpty() ? DEFAULT_HOSTNAME : hostname;
    extraHosts = List.copyOf(extraHosts);
    ulimits = List.copyOf(ulimits);
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(security, "security");
  }

  /** {@code sh -c script}, the shell form of RUN. */
  public static Builder shell(String script) {
    return builder(List.of("/bin/sh", "-c", script));
  }

  public static Builder builder(List<String> args) {
    return new Builder(args);
  }

  public static Builder builder(String... args) {
    return new Builder(List.of(args));
  }

  /** Many optional fields, so a builder; defaults: cwd "/", root, NONE network, SANDBOX. */
  public static final class Builder {
    private final List<String> args;
    private final List<String> env = new ArrayList<>();
    private final List<HostIp> extraHosts = new ArrayList<>();
    private final List<Ulimit> ulimits = new ArrayList<>();
    private String cwd = "/";
    private String user = "";
    private String hostname = DEFAULT_HOSTNAME;
    private NetworkMode network = NetworkMode.NONE;
    private SecurityMode security = SecurityMode.SANDBOX;
    private boolean removeMountStubsRecursive;

    private Builder(List<String> args) {
      this.args = List.copyOf(args);
    }

    public Builder env(String keyValue) {
      env.add(keyValue);
      return this;
    }

    public Builder env(List<String> keyValues) {
      env.addAll(keyValues);
      return this;
    }

    public Builder cwd(String dir) {
      cwd = dir;
      return this;
    }

    public Builder user(String spec) {
      user = spec;
      return this;
    }

    public Builder hostname(String name) {
      hostname = name;
      return this;
    }

    public Builder extraHost(String host, String ip) {
      extraHosts.add(new HostIp(host, ip));
      return this;
    }

    public Builder ulimit(Ulimit limit) {
      ulimits.add(limit);
      return this;
    }

    public Builder network(NetworkMode mode) {
      network = mode;
      return this;
    }

    public Builder security(SecurityMode mode) {
      security = mode;
      return this;
    }

    public Builder removeMountStubsRecursive(boolean recursive) {
      removeMountStubsRecursive = recursive;
      return this;
    }

    public Meta build() {
      return new Meta(
          args,
          env,
          cwd,
          user,
          hostname,
          extraHosts,
          ulimits,
          network,
          security,
          removeMountStubsRecursive);
    }
  }
}
