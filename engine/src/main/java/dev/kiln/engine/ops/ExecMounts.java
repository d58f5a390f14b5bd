package dev.kiln.engine.ops;

import dev.kiln.engine.executor.ExecMount;
import dev.kiln.engine.executor.RootFs;
import dev.kiln.engine.fs.RootedResolver;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.Mount;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one exec mounts, prepared before it runs and released after: writable snapshots for
 * the mounts that produce outputs, read-only views of inputs, cache directories, tmpfs, secrets.
 * Uncommitted snapshots are removed on close, so a failed exec leaves nothing behind.
 */
final class ExecMounts implements AutoCloseable {
  private final ExecOpRunner.Services s;
  private final BuildInputs build;
  private final List<Result> inputs;
  private final List<Release> open = new ArrayList<>();

  /** Something to undo after the exec: unmount a view, return a cache directory. */
  private interface Release {
    void close() throws IOException;
  }
  private final List<String> active = new ArrayList<>();
  private final Map<Long, String> outputs = new HashMap<>();
  /** What {@code kiln du} says of each output, as BuildKit: {@code mount / from exec sh -c …}. */
  private final Map<Long, String> descriptions = new HashMap<>();
  private final List<ExecMount> execMounts = new ArrayList<>();
  private RootFs rootfs;
  private List<String> command = List.of();

  ExecMounts(ExecOpRunner.Services s, BuildInputs build, List<Result> inputs) {
    this.s = s;
    this.build = build;
    this.inputs = inputs;
  }

  void prepare(ExecOp exec) throws Exception {
    command = exec.getMeta().getArgsList();
    for (Mount m : exec.getMountsList()) {
      switch (m.getMountType()) {
        case BIND -> bind(m);
        case CACHE -> cache(m);
        case TMPFS -> execMounts.add(new ExecMount.Tmpfs(m.getDest(), m.hasTmpfsOpt() ? m.getTmpfsOpt().getSize() : 0));
        case SECRET -> secret(m);
        case SSH -> ssh(m);
        default -> throw new IOException("unsupported mount type " + m.getMountType() + " at " + m.getDest());
      }
    }
    if (rootfs == null) throw new IOException("exec has no root mount");
  }

  private void bind(Mount m) throws IOException {
    boolean root = m.getDest().equals("/");
    if (m.getReadonly()) {
      Path dir = selected(view(m.getInput()), m.getSelector());
      if (root) rootfs = RootFs.readOnly(dir);
      else execMounts.add(new ExecMount.Bind(m.getDest(), dir, true));
      return;
    }
    String parent = m.getInput() < 0 ? null : SnapshotRefs.snapshotId(inputs.get((int) m.getInput()));
    if (!m.getSelector().isEmpty() && !m.getSelector().equals("/")) {
      throw new IOException("writable mount " + m.getDest() + " cannot select a sub-path (" + m.getSelector() + ")");
    }
    String id = s.refs().store().prepare(parent);
    active.add(id);
    if (m.getOutput() >= 0) {
      outputs.put(m.getOutput(), id);
      descriptions.put(m.getOutput(), "mount " + m.getDest() + " from exec " + String.join(" ", command));
    }
    if (root) {
      MountedTree tree = s.refs().mountActive(id, RootFs.GENERATED_FILES);
      open.add(tree::close);
      rootfs = RootFs.readWrite(tree.root());
    } else {
      execMounts.add(new ExecMount.Snapshot(m.getDest(), s.refs().store().mounts(id, false).getFirst()));
    }
  }

  /** A read-only view of an input, or an empty directory for scratch. */
  private Path view(long input) throws IOException {
    if (input < 0) {
      String id = s.refs().store().prepare(null);
      active.add(id);
      MountedTree tree = s.refs().mountActive(id);
      open.add(tree::close);
      return tree.root();
    }
    MountedTree tree = s.refs().view(SnapshotRefs.snapshotId(inputs.get((int) input)));
    open.add(tree::close);
    return tree.root();
  }

  private static Path selected(Path root, String selector) throws IOException {
    if (selector.isEmpty() || selector.equals("/")) return root;
    Path p = RootedResolver.resolve(root, selector);
    if (!Files.exists(p)) throw new IOException("mount source path \"" + selector + "\" not found");
    return p;
  }

  private void cache(Mount m) throws Exception {
    CacheMounts.Lease lease = s.cacheMounts().acquire(m.getCacheOpt().getID(), m.getCacheOpt().getSharing());
    open.add(lease::close);
    execMounts.add(new ExecMount.Bind(m.getDest(), lease.dir(), m.getReadonly()));
  }

  private void secret(Mount m) throws IOException {
    var opt = m.getSecretOpt();
    var data = build.secrets().get(opt.getID());
    if (data.isEmpty()) {
      if (opt.getOptional()) return;
      throw new IOException("secret " + opt.getID() + " not found: pass it with --secret id=" + opt.getID() + ",src=FILE");
    }
    execMounts.add(new ExecMount.Secret(m.getDest(), data.get(), opt.getUid(), opt.getGid(), opt.getMode()));
  }

  private void ssh(Mount m) throws Exception {
    var opt = m.getSSHOpt();
    String id = opt.getID().isEmpty() ? "default" : opt.getID();
    if (!build.sshAgents().has(id)) {
      if (opt.getOptional()) return;
      throw new IOException("no SSH agent for id '" + id + "': pass one with --ssh " + id + "[=SOCKET]");
    }
    // Short path: unix socket paths are limited to 107 bytes.
    Path dir = Files.createTempDirectory("kiln-ssh-");
    Path socket = dir.resolve("agent.sock");
    AutoCloseable forwarding = build.sshAgents().serve(id, socket);
    open.add(() -> {
      try {
        forwarding.close();
      } catch (Exception e) {
        throw e instanceof IOException io ? io : new IOException(e);
      } finally {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
      }
    });
    execMounts.add(new ExecMount.SshSocket(m.getDest(), socket, opt.getUid(), opt.getGid(), opt.getMode()));
  }

  RootFs rootfs() {
    return rootfs;
  }

  List<ExecMount> execMounts() {
    return execMounts;
  }

  /** Commits the snapshots of outputs {@code 0..count-1}, in order; the caller owns the results. */
  List<Result> commitOutputs(int count) throws Exception {
    closeOpen();
    List<Result> results = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      String id = outputs.get(i);
      if (id == null) throw new IOException("exec has no mount for output " + i);
      // A mount point's copied-up parent is no change.
      s.refs().store().commit(id, true, "regular", descriptions.get(i));
      active.remove(id);
      results.add(s.refs().result(id));
    }
    return results;
  }

  private void closeOpen() throws IOException {
    for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    open.clear();
  }

  @Override
  public void close() throws IOException {
    closeOpen();
    for (String id : active) s.refs().store().remove(id);
    active.clear();
  }
}
