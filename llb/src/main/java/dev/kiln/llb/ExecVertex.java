package dev.kiln.llb;

import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Meta;
import dev.kiln.proto.pb.Mount;
import dev.kiln.proto.pb.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A command run on a root filesystem with extra mounts. Mounts may be added (through
 * {@link ExecState#addMount}) until the first marshalling.
 */
public final class ExecVertex implements Vertex {
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** A mount in insertion order; {@code slot} is its position, its output's identity. */
  record ExecMount(int slot, String dest, Output source, MountOptions options) {}

  private final State base;
  private final List<String> args;
  private final ProxyEnv proxyEnv;
  private final Constraints constraints;
  private final List<ExecMount> mounts = new ArrayList<>();
  private final List<SecretOptions> secrets;
  private final List<SshOptions> ssh;
  private boolean sealed;

  private ExecVertex(RunOptions o) {
    this.base = o.base;
    this.args = o.args;
    this.proxyEnv = o.proxyEnv;
    this.constraints = o.constraints();
    this.secrets = List.copyOf(o.secrets);
    this.ssh = List.copyOf(o.ssh);
  }

  static ExecState run(State state, RunOptions o) {
    ExecVertex exec = new ExecVertex(o);
    MountOptions rootOptions = new MountOptions();
    rootOptions.readonly = o.readonlyRootfs;
    Output root = exec.addMount("/", o.base.output(), rootOptions);
    for (RunOptions.MountSpec m : o.mounts) {
      exec.addMount(m.dest(), m.source().output(), m.options());
    }
    return new ExecState(state.withOutput(root), exec);
  }

  Output addMount(String dest, Output source, MountOptions options) {
    if (sealed) {
      throw new IllegalStateException("cannot add mount " + dest + ": the exec was already marshalled");
    }
    ExecMount m = new ExecMount(mounts.size(), dest, source, options);
    mounts.add(m);
    return options.readonly ? source : new Output(this, m.slot());
  }

  State mountState(String dest) {
    for (ExecMount m : mounts) {
      if (m.dest().equals(dest)) {
        return base.withOutput(m.options().readonly ? m.source() : new Output(this, m.slot()));
      }
    }
    throw new IllegalArgumentException("no mount at " + dest);
  }

  private List<ExecMount> sortedMounts() {
    List<ExecMount> sorted = new ArrayList<>(mounts);
    sorted.sort(Comparator.comparing(ExecMount::dest));
    return sorted;
  }

  @Override
  public Platform explicitPlatform() {
    return constraints.platform();
  }

  @Override
  public long outputIndex(int slot) {
    int index = 0;
    for (ExecMount m : sortedMounts()) {
      if (m.slot() == slot) {
        if (!m.options().hasOutput()) {
          throw new IllegalStateException("mount " + m.dest() + " has no output and can't be used as a parent");
        }
        return index;
      }
      if (m.options().hasOutput()) index++;
    }
    throw new IllegalStateException("invalid mount slot " + slot);
  }

  @Override
  public MarshaledOp marshal(MarshalContext ctx) {
    sealed = true;
    if (args.isEmpty()) {
      throw new IllegalStateException("exec has no arguments");
    }
    StateValues v = base.values();
    Set<String> caps = new TreeSet<>(Set.of(LlbCaps.EXEC_META_BASE));
    ExecOp.Builder exec = ExecOp.newBuilder().setMeta(meta(ctx, v, caps)).setNetwork(v.network().wire).setSecurity(v.security().wire);
    if (v.network() != Network.SANDBOX) caps.add(LlbCaps.EXEC_META_NETWORK);
    if (v.security() != Security.SANDBOX) caps.add(LlbCaps.EXEC_META_SECURITY);
    if (proxyEnv != null) caps.add(LlbCaps.EXEC_META_PROXY);

    List<Input> inputs = new ArrayList<>();
    List<Vertex> inputVertices = new ArrayList<>();
    long nextOutput = 0;
    for (ExecMount m : sortedMounts()) {
      MountOptions mo = m.options();
      Mount.Builder pm = Mount.newBuilder().setDest(m.dest()).setReadonly(mo.readonly).setSelector(mo.selector);
      pm.setInput(m.source() == null ? -1 : inputIndex(ctx, m.source(), inputs, inputVertices));
      pm.setOutput(mo.hasOutput() ? nextOutput++ : -1);
      addMountCaps(mo, m.source() != null, caps);
      if (!mo.cacheId.isEmpty()) {
        pm.setMountType(dev.kiln.proto.pb.MountType.CACHE)
            .setCacheOpt(dev.kiln.proto.pb.CacheOpt.newBuilder().setID(mo.cacheId).setSharing(mo.cacheSharing.wire));
      }
      if (mo.tmpfs) {
        if (m.source() != null) throw new IllegalStateException("tmpfs mount " + m.dest() + " must use scratch");
        pm.setMountType(dev.kiln.proto.pb.MountType.TMPFS)
            .setTmpfsOpt(dev.kiln.proto.pb.TmpfsOpt.newBuilder().setSize(mo.tmpfsSize));
      }
      exec.addMounts(pm);
    }
    addSecrets(exec, caps);
    addSsh(exec, caps);

    Platform platform = constraints.platform() != null ? constraints.platform()
        : v.platform() != null ? v.platform() : ctx.options().platform();
    Constraints c = constraints.withCaps(caps);
    Op op = c.opBuilder(platform).addAllInputs(inputs).setExec(exec).build();
    return MarshaledOp.of(op, c, inputVertices);
  }

  private Meta meta(MarshalContext ctx, StateValues v, Set<String> caps) {
    EnvList env = v.env();
    if (!ssh.isEmpty() && env.get("SSH_AUTH_SOCK").isEmpty()) {
      env = env.set("SSH_AUTH_SOCK", sshTarget(0));
    }
    if (ctx.capsKnown()) {
      if (ctx.supports(LlbCaps.EXEC_META_SETS_DEFAULT_PATH)) {
        caps.add(LlbCaps.EXEC_META_SETS_DEFAULT_PATH);
      } else {
        // An engine that does not set PATH itself gets the conventional one, for Linux targets.
        String os = ctx.options().platform() != null ? ctx.options().platform().os() : "linux";
        if (os.equals("linux")) env = env.setDefault("PATH", DEFAULT_PATH);
      }
    }
    Meta.Builder meta = Meta.newBuilder()
        .addAllArgs(args).addAllEnv(env.toArray()).setCwd(v.dir()).setUser(v.user())
        .setHostname(v.hostname()).setCgroupParent(v.cgroupParent()).setRemoveMountStubsRecursive(true);
    for (HostIp h : v.extraHosts()) {
      meta.addExtraHosts(dev.kiln.proto.pb.HostIP.newBuilder().setHost(h.host()).setIP(h.ipText()));
    }
    if (!v.ulimits().isEmpty()) caps.add(LlbCaps.EXEC_META_ULIMIT);
    for (Ulimit u : v.ulimits()) {
      meta.addUlimit(dev.kiln.proto.pb.Ulimit.newBuilder().setName(u.name()).setSoft(u.soft()).setHard(u.hard()));
    }
    if (proxyEnv != null) meta.setProxyEnv(proxyEnv.toProto());
    return meta.build();
  }

  private static long inputIndex(MarshalContext ctx, Output source, List<Input> inputs, List<Vertex> vertices) {
    Input in = ctx.input(source);
    int existing = inputs.indexOf(in);
    if (existing >= 0) return existing;
    inputs.add(in);
    vertices.add(source.vertex());
    return inputs.size() - 1;
  }

  private static void addMountCaps(MountOptions mo, boolean hasSource, Set<String> caps) {
    if (!mo.selector.isEmpty()) caps.add(LlbCaps.EXEC_MOUNT_SELECTOR);
    if (!mo.cacheId.isEmpty()) {
      caps.add(LlbCaps.EXEC_MOUNT_CACHE);
      caps.add(LlbCaps.EXEC_MOUNT_CACHE_SHARING);
    } else if (mo.tmpfs) {
      caps.add(LlbCaps.EXEC_MOUNT_TMPFS);
      if (mo.tmpfsSize > 0) caps.add(LlbCaps.EXEC_MOUNT_TMPFS_SIZE);
    } else if (hasSource) {
      caps.add(LlbCaps.EXEC_MOUNT_BIND);
    }
  }

  private void addSecrets(ExecOp.Builder exec, Set<String> caps) {
    if (!secrets.isEmpty()) caps.add(LlbCaps.EXEC_MOUNT_SECRET);
    for (SecretOptions s : secrets) {
      if (s.envName != null) {
        caps.add(LlbCaps.EXEC_SECRET_ENV);
        exec.addSecretenv(dev.kiln.proto.pb.SecretEnv.newBuilder().setID(s.id).setName(s.envName).setOptional(s.optional));
      } else {
        exec.addMounts(Mount.newBuilder().setDest(s.target).setMountType(dev.kiln.proto.pb.MountType.SECRET)
            .setSecretOpt(dev.kiln.proto.pb.SecretOpt.newBuilder().setID(s.id).setUid(s.uid).setGid(s.gid)
                .setMode(s.mode).setOptional(s.optional)));
      }
    }
  }

  private void addSsh(ExecOp.Builder exec, Set<String> caps) {
    if (!ssh.isEmpty()) caps.add(LlbCaps.EXEC_MOUNT_SSH);
    for (int i = 0; i < ssh.size(); i++) {
      SshOptions s = ssh.get(i);
      exec.addMounts(Mount.newBuilder().setDest(sshTarget(i)).setMountType(dev.kiln.proto.pb.MountType.SSH)
          .setSSHOpt(dev.kiln.proto.pb.SSHOpt.newBuilder().setID(s.id).setUid(s.uid).setGid(s.gid)
              .setMode(s.mode).setOptional(s.optional)));
    }
  }

  private String sshTarget(int i) {
    String t = ssh.get(i).target;
    return t.isEmpty() ? "/run/buildkit/ssh_agent." + i : t;
  }
}
