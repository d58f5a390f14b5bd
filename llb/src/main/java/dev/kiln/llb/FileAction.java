package dev.kiln.llb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An immutable chain of file actions applied in order as one op by {@link State#file}. Relative
 * paths resolve against the working dir of the state the chain is applied to; a copy's relative
 * source resolves against the source state's dir.
 */
public final class FileAction {
  /** One step of the chain. */
  sealed interface Step permits Mkdir, Mkfile, Rm, Copy {}

  record Mkdir(String path, int mode, MkdirOptions options) implements Step {}

  record Mkfile(String path, int mode, byte[] data, MkfileOptions options) implements Step {}

  record Rm(String path, RmOptions options) implements Step {}

  record Copy(State source, String src, String dest, CopyOptions options) implements Step {}

  private final FileAction prev;
  private final Step step;

  private FileAction(FileAction prev, Step step) {
    this.prev = prev;
    this.step = step;
  }

  public static FileAction mkdir(String path, int mode) {
    return mkdir(path, mode, o -> {});
  }

  public static FileAction mkdir(String path, int mode, Consumer<MkdirOptions> options) {
    return new FileAction(null, newMkdir(path, mode, options));
  }

  public static FileAction mkfile(String path, int mode, byte[] data) {
    return mkfile(path, mode, data, o -> {});
  }

  public static FileAction mkfile(String path, int mode, byte[] data, Consumer<MkfileOptions> options) {
    return new FileAction(null, newMkfile(path, mode, data, options));
  }

  public static FileAction rm(String path) {
    return rm(path, o -> {});
  }

  public static FileAction rm(String path, Consumer<RmOptions> options) {
    return new FileAction(null, newRm(path, options));
  }

  public static FileAction copy(State source, String src, String dest) {
    return copy(source, src, dest, o -> {});
  }

  public static FileAction copy(State source, String src, String dest, Consumer<CopyOptions> options) {
    return new FileAction(null, newCopy(source, src, dest, options));
  }

  public FileAction thenMkdir(String path, int mode) {
    return thenMkdir(path, mode, o -> {});
  }

  public FileAction thenMkdir(String path, int mode, Consumer<MkdirOptions> options) {
    return new FileAction(this, newMkdir(path, mode, options));
  }

  public FileAction thenMkfile(String path, int mode, byte[] data) {
    return thenMkfile(path, mode, data, o -> {});
  }

  public FileAction thenMkfile(String path, int mode, byte[] data, Consumer<MkfileOptions> options) {
    return new FileAction(this, newMkfile(path, mode, data, options));
  }

  public FileAction thenRm(String path) {
    return thenRm(path, o -> {});
  }

  public FileAction thenRm(String path, Consumer<RmOptions> options) {
    return new FileAction(this, newRm(path, options));
  }

  public FileAction thenCopy(State source, String src, String dest) {
    return thenCopy(source, src, dest, o -> {});
  }

  public FileAction thenCopy(State source, String src, String dest, Consumer<CopyOptions> options) {
    return new FileAction(this, newCopy(source, src, dest, options));
  }

  /** The steps, first to last. */
  List<Step> steps() {
    List<Step> out = new ArrayList<>();
    for (FileAction a = this; a != null; a = a.prev) {
      out.addFirst(a.step);
    }
    return out;
  }

  private static Mkdir newMkdir(String path, int mode, Consumer<MkdirOptions> options) {
    MkdirOptions o = new MkdirOptions();
    options.accept(o);
    return new Mkdir(path, mode, o);
  }

  private static Mkfile newMkfile(String path, int mode, byte[] data, Consumer<MkfileOptions> options) {
    MkfileOptions o = new MkfileOptions();
    options.accept(o);
    return new Mkfile(path, mode, data == null ? new byte[0] : data.clone(), o);
  }

  private static Rm newRm(String path, Consumer<RmOptions> options) {
    RmOptions o = new RmOptions();
    options.accept(o);
    return new Rm(path, o);
  }

  private static Copy newCopy(State source, String src, String dest, Consumer<CopyOptions> options) {
    CopyOptions o = new CopyOptions();
    options.accept(o);
    return new Copy(source, src, dest, o);
  }
}
