package dev.kiln.llb;

import com.google.protobuf.ByteString;
import dev.kiln.proto.pb.FileActionCopy;
import dev.kiln.proto.pb.FileActionMkDir;
import dev.kiln.proto.pb.FileActionMkFile;
import dev.kiln.proto.pb.FileActionRm;
import dev.kiln.proto.pb.FileOp;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A chain of file actions as one op. Its inputs are the distinct states the chain reads, in first
 * use order; action {@code k > 0} builds on the result of action {@code k-1}.
 */
public final class FileVertex implements Vertex {
  private final State base;
  private final List<FileAction.Step> steps;
  private final Constraints constraints;

  FileVertex(State base, FileAction action, Constraints constraints) {
    this.base = base;
    this.steps = action.steps();
    this.constraints = constraints;
  }

  Output output() {
    return new Output(this, 0);
  }

  @Override
  public Platform explicitPlatform() {
    return constraints.platform();
  }

  @Override
  public MarshaledOp marshal(MarshalContext ctx) {
    List<Input> inputs = new ArrayList<>();
    List<Vertex> inputVertices = new ArrayList<>();
    long baseInput = base.output() == null ? -1 : addInput(ctx, base.output(), inputs, inputVertices);
    long[] secondary = new long[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      secondary[i] = -1;
      if (steps.get(i) instanceof FileAction.Copy copy && copy.source().output() != null) {
        secondary[i] = addInput(ctx, copy.source().output(), inputs, inputVertices);
      }
    }
    FileOp.Builder file = FileOp.newBuilder();
    for (int i = 0; i < steps.size(); i++) {
      dev.kiln.proto.pb.FileAction.Builder a = dev.kiln.proto.pb.FileAction.newBuilder()
          .setInput(i == 0 ? baseInput : inputs.size() + i - 1)
          .setSecondaryInput(secondary[i])
          .setOutput(i == steps.size() - 1 ? 0 : -1);
      setAction(a, steps.get(i), baseInput);
      file.addActions(a);
    }
    Platform platform = constraints.platform() != null ? constraints.platform()
        : base.platform() != null ? base.platform() : ctx.options().platform();
    Constraints c = constraints.withCaps(Set.of(LlbCaps.FILE_BASE));
    Op op = c.opBuilder(platform).addAllInputs(inputs).setFile(file).build();
    return MarshaledOp.of(op, c, inputVertices);
  }

  private static long addInput(MarshalContext ctx, Output output, List<Input> inputs, List<Vertex> vertices) {
    Input in = ctx.input(output);
    int existing = inputs.indexOf(in);
    if (existing >= 0) return existing;
    inputs.add(in);
    vertices.add(output.vertex());
    return inputs.size() - 1;
  }

  private void setAction(dev.kiln.proto.pb.FileAction.Builder a, FileAction.Step step, long baseInput) {
    String parent = base.dir();
    switch (step) {
      case FileAction.Mkdir m -> {
        FileActionMkDir.Builder b = FileActionMkDir.newBuilder().setPath(normalize(parent, m.path(), false))
            .setMode(m.mode() & 0777).setMakeParents(m.options().parents).setTimestamp(m.options().timestampNanos());
        if (m.options().owner != null) b.setOwner(m.options().owner.toProto(baseInput));
        a.setMkdir(b);
      }
      case FileAction.Mkfile m -> {
        FileActionMkFile.Builder b = FileActionMkFile.newBuilder().setPath(normalize(parent, m.path(), false))
            .setMode(m.mode() & 0777).setData(ByteString.copyFrom(m.data())).setTimestamp(m.options().timestampNanos());
        if (m.options().owner != null) b.setOwner(m.options().owner.toProto(baseInput));
        a.setMkfile(b);
      }
      case FileAction.Rm r -> a.setRm(FileActionRm.newBuilder().setPath(normalize(parent, r.path(), false))
          .setAllowNotFound(r.options().allowNotFound).setAllowWildcard(r.options().allowWildcard));
      case FileAction.Copy c -> a.setCopy(copy(c, parent, baseInput));
    }
  }

  private static FileActionCopy.Builder copy(FileAction.Copy c, String parent, long baseInput) {
    CopyOptions o = c.options();
    String src = Paths.clean(c.src());
    if (!Paths.isAbs(src)) src = Paths.join("/", c.source().dir(), src);
    FileActionCopy.Builder b = FileActionCopy.newBuilder().setSrc(src).setDest(normalize(parent, c.dest(), true))
        .addAllIncludePatterns(o.includePatterns).addAllExcludePatterns(o.excludePatterns)
        .setAllowWildcard(o.allowWildcard).setAllowEmptyWildcard(o.allowEmptyWildcard)
        .setFollowSymlink(o.followSymlinks).setDirCopyContents(o.copyDirContentsOnly)
        .setAttemptUnpackDockerCompatibility(o.attemptUnpack).setCreateDestPath(o.createDestPath)
        .setTimestamp(o.timestampNanos()).setMode(o.mode == null ? -1 : o.mode);
    if (o.owner != null) b.setOwner(o.owner.toProto(baseInput));
    return b;
  }

  /** Absolute, cleaned path; for copy destinations a trailing {@code /} or {@code /.} is kept. */
  static String normalize(String parent, String p, boolean keepSlash) {
    String cleaned = Paths.clean(p);
    if (!Paths.isAbs(cleaned)) cleaned = Paths.join("/", parent, cleaned);
    if (keepSlash) {
      if (p.endsWith("/") && !cleaned.endsWith("/")) {
        cleaned += "/";
      } else if (p.endsWith("/.")) {
        if (!cleaned.equals("/")) cleaned += "/";
        cleaned += ".";
      }
    }
    return cleaned;
  }
}
