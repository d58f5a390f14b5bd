package dev.kiln.llb;

import java.util.List;

/** The values a {@link State} carries to the steps built on it. */
record StateValues(
    String dir,
    EnvList env,
    String user,
    Platform platform,
    String hostname,
    Network network,
    Security security,
    List<HostIp> extraHosts,
    List<Ulimit> ulimits,
    String cgroupParent) {

  static final StateValues INITIAL =
      new StateValues("/", EnvList.EMPTY, "", null, "", Network.SANDBOX, Security.SANDBOX, List.of(), List.of(), "");

  StateValues {
    extraHosts = List.copyOf(extraHosts);
    ulimits = List.copyOf(ulimits);
  }

  StateValues withDir(String path) {
    String next = path.startsWith("/") ? path : Paths.join(dir.isEmpty() ? "/" : dir, path);
    return new StateValues(next, env, user, platform, hostname, network, security, extraHosts, ulimits, cgroupParent);
  }

  StateValues withEnv(EnvList e) {
    return new StateValues(dir, e, user, platform, hostname, network, security, extraHosts, ulimits, cgroupParent);
  }

  StateValues withUser(String u) {
    return new StateValues(dir, env, u, platform, hostname, network, security, extraHosts, ulimits, cgroupParent);
  }

  StateValues withPlatform(Platform p) {
    return new StateValues(dir, env, user, p, hostname, network, security, extraHosts, ulimits, cgroupParent);
  }

  StateValues withHostname(String h) {
    return new StateValues(dir, env, user, platform, h, network, security, extraHosts, ulimits, cgroupParent);
  }

  StateValues withNetwork(Network n) {
    return new StateValues(dir, env, user, platform, hostname, n, security, extraHosts, ulimits, cgroupParent);
  }

  StateValues withSecurity(Security s) {
    return new StateValues(dir, env, user, platform, hostname, network, s, extraHosts, ulimits, cgroupParent);
  }

  StateValues withExtraHosts(List<HostIp> h) {
    return new StateValues(dir, env, user, platform, hostname, network, security, h, ulimits, cgroupParent);
  }

  StateValues withUlimits(List<Ulimit> u) {
    return new StateValues(dir, env, user, platform, hostname, network, security, extraHosts, u, cgroupParent);
  }

  StateValues withCgroupParent(String c) {
    return new StateValues(dir, env, user, platform, hostname, network, security, extraHosts, ulimits, c);
  }
}
