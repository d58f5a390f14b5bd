package dev.kiln.llb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Options of {@link State#run}. Value-setting options (env, dir, user, network…) apply to this
 * exec only: the states built on its outputs keep the values of the state it ran on.
 */
public final class RunOptions extends OpOptions<RunOptions> {
  record MountSpec(String dest, State source, MountOptions options) {}

  State base;
  List<String> args = List.of();
  ProxyEnv proxyEnv;
  boolean readonlyRootfs;
  final List<MountSpec> mounts = new ArrayList<>();
  final List<SecretOptions> secrets = new ArrayList<>();
  final List<SshOptions> ssh = new ArrayList<>();

  RunOptions(State base) {
    this.base = base;
  }

  /** The command, split like a POSIX shell would split words (no expansion). */
  public RunOptions shlex(String command) {
    this.args = Shlex.split(command);
    return this;
  }

  public RunOptions args(List<String> argv) {
    this.args = List.copyOf(argv);
    return this;
  }

  public RunOptions args(String... argv) {
    return args(List.of(argv));
  }

  public RunOptions addEnv(String key, String value) {
    base = base.addEnv(key, value);
    return this;
  }

  public RunOptions dir(String dir) {
    base = base.dir(dir);
    return this;
  }

  public RunOptions user(String user) {
    base = base.user(user);
    return this;
  }

  public RunOptions network(Network network) {
    base = base.network(network);
    return this;
  }

  public RunOptions security(Security security) {
    base = base.security(security);
    return this;
  }

  public RunOptions hostname(String hostname) {
    base = base.hostname(hostname);
    return this;
  }

  public RunOptions addExtraHost(String host, String ip) {
    base = base.addExtraHost(host, ip);
    return this;
  }

  public RunOptions addUlimit(String name, long soft, long hard) {
    base = base.addUlimit(name, soft, hard);
    return this;
  }

  public RunOptions cgroupParent(String parent) {
    base = base.cgroupParent(parent);
    return this;
  }

  public RunOptions proxyEnv(ProxyEnv proxy) {
    this.proxyEnv = proxy;
    return this;
  }

  /** The root filesystem is mounted read-only and produces no output. */
  public RunOptions readonlyRootfs() {
    this.readonlyRootfs = true;
    return this;
  }

  public RunOptions mount(String dest, State source) {
    return mount(dest, source, m -> {});
  }

  public RunOptions mount(String dest, State source, Consumer<MountOptions> options) {
    MountOptions m = new MountOptions();
    options.accept(m);
    mounts.add(new MountSpec(dest, source, m));
    return this;
  }

  public RunOptions secret(String dest) {
    return secret(dest, s -> {});
  }

  public RunOptions secret(String dest, Consumer<SecretOptions> options) {
    SecretOptions s = new SecretOptions(dest);
    options.accept(s);
    secrets.add(s);
    return this;
  }

  public RunOptions ssh() {
    return ssh(s -> {});
  }

  public RunOptions ssh(Consumer<SshOptions> options) {
    SshOptions s = new SshOptions();
    options.accept(s);
    ssh.add(s);
    return this;
  }
}
