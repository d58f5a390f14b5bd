package dev.kiln.llb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An immutable point in a build graph: an output (or scratch) plus the values that later steps
 * inherit (working dir, env, user, platform, exec defaults). Every method returns a new state.
 */
public final class State {
  private final Output output;
  private final StateValues values;

  private State(Output output, StateValues values) {
    this.output = output;
    this.values = values;
  }

  /** The empty filesystem. */
  public static State scratch() {
    return new State(null, StateValues.INITIAL);
  }

  /** A state whose filesystem is {@code output}; new states start in {@code /}. */
  public static State of(Output output) {
    return scratch().withOutput(output);
  }

  public static State image(String ref) {
    return Sources.image(ref, o -> {});
  }

  public static State image(String ref, Consumer<ImageOptions> options) {
    return Sources.image(ref, options);
  }

  public static State local(String name) {
    return Sources.local(name, o -> {});
  }

  public static State local(String name, Consumer<LocalOptions> options) {
    return Sources.local(name, options);
  }

  public static State git(String remote, String ref) {
    return Sources.git(remote, ref, o -> {});
  }

  public static State git(String remote, String ref, Consumer<GitOptions> options) {
    return Sources.git(remote, ref, options);
  }

  public static State http(String url) {
    return Sources.http(url, o -> {});
  }

  public static State http(String url, Consumer<HttpOptions> options) {
    return Sources.http(url, options);
  }

  public static State ociLayout(String ref, Consumer<OciLayoutOptions> options) {
    return Sources.ociLayout(ref, options);
  }

  /**
   * A state whose filesystem is decided later: {@code target} is asked once, when the graph is
   * marshalled, and must then return a non-scratch state. Values (dir, env, …) start fresh.
   */
  public static State deferred(Supplier<State> target) {
    return of(new Output(new DeferredVertex(target), 0));
  }

  /** Layers the inputs on top of each other, later ones winning; scratch inputs are dropped. */
  public static State merge(List<State> inputs) {
    return MergeVertex.merge(inputs, new MergeOptions());
  }

  public static State merge(List<State> inputs, Consumer<MergeOptions> options) {
    MergeOptions o = new MergeOptions();
    options.accept(o);
    return MergeVertex.merge(inputs, o);
  }

  /** The changes that turn {@code lower} into {@code upper}. */
  public static State diff(State lower, State upper) {
    return DiffVertex.diff(lower, upper, new MergeOptions());
  }

  public static State diff(State lower, State upper, Consumer<MergeOptions> options) {
    MergeOptions o = new MergeOptions();
    options.accept(o);
    return DiffVertex.diff(lower, upper, o);
  }

  /** The filesystem output, or null for scratch. */
  public Output output() {
    return output;
  }

  public boolean isScratch() {
    return output == null;
  }

  /** This state's values on another output; a vertex's explicit platform carries over. */
  public State withOutput(Output next) {
    StateValues v = values;
    if (next != null && next.vertex().explicitPlatform() != null) {
      v = v.withPlatform(next.vertex().explicitPlatform());
    }
    return new State(next, v);
  }

  StateValues values() {
    return values;
  }

  State withValues(StateValues v) {
    return new State(output, v);
  }

  public String dir() {
    return values.dir();
  }

  /** Sets the working dir; a relative path is joined to the current one. */
  public State dir(String path) {
    return withValues(values.withDir(path));
  }

  public EnvList env() {
    return values.env();
  }

  /** Sets an env var; an existing one moves to the end. */
  public State addEnv(String key, String value) {
    return withValues(values.withEnv(values.env().set(key, value)));
  }

  public State removeEnv(String key) {
    return withValues(values.withEnv(values.env().remove(key)));
  }

  public String user() {
    return values.user();
  }

  public State user(String user) {
    return withValues(values.withUser(user));
  }

  /** The explicit platform, or null to use the marshal default. */
  public Platform platform() {
    return values.platform();
  }

  public State platform(Platform platform) {
    return withValues(values.withPlatform(platform));
  }

  public State hostname(String hostname) {
    return withValues(values.withHostname(hostname));
  }

  public State network(Network network) {
    return withValues(values.withNetwork(network));
  }

  public State security(Security security) {
    return withValues(values.withSecurity(security));
  }

  public State addExtraHost(String host, String ip) {
    List<HostIp> hosts = new ArrayList<>(values.extraHosts());
    hosts.add(HostIp.of(host, ip));
    return withValues(values.withExtraHosts(hosts));
  }

  public State addUlimit(String name, long soft, long hard) {
    List<Ulimit> ulimits = new ArrayList<>(values.ulimits());
    ulimits.add(new Ulimit(name, soft, hard));
    return withValues(values.withUlimits(ulimits));
  }

  public State cgroupParent(String parent) {
    return withValues(values.withCgroupParent(parent));
  }

  /** Runs a command on this state; see {@link ExecState} for its outputs. */
  public ExecState run(Consumer<RunOptions> options) {
    RunOptions o = new RunOptions(this);
    options.accept(o);
    return ExecVertex.run(this, o);
  }

  /** Applies a chain of file actions as one op. */
  public State file(FileAction action) {
    return file(action, o -> {});
  }

  public State file(FileAction action, Consumer<FileOptions> options) {
    FileOptions o = new FileOptions();
    options.accept(o);
    return withOutput(new FileVertex(this, action, o.constraints()).output());
  }

  /** Builds the LLB definition stored in this state's filesystem (nested build). */
  public State buildLlb(Consumer<BuildOptions> options) {
    BuildOptions o = new BuildOptions();
    options.accept(o);
    return withOutput(new BuildVertex(output, o).output());
  }

  /** Marshals the graph ending at this state with default options. */
  public dev.kiln.proto.pb.Definition marshal() {
    return marshal(MarshalOptions.defaults());
  }

  public dev.kiln.proto.pb.Definition marshal(MarshalOptions options) {
    return Marshaller.marshal(this, options);
  }
}
