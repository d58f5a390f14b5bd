package dev.kiln.llb;

import java.util.function.Consumer;

/** The result of {@link State#run}: the root filesystem after the command, and its other mounts. */
public final class ExecState {
  private final State root;
  private final ExecVertex exec;

  ExecState(State root, ExecVertex exec) {
    this.root = root;
    this.exec = exec;
  }

  /** The root filesystem after the command ran. */
  public State root() {
    return root;
  }

  /**
   * Adds a mount to this exec and returns the state of that mount after the command. Must be
   * called before the graph is marshalled.
   */
  public State addMount(String dest, State source) {
    return addMount(dest, source, m -> {});
  }

  public State addMount(String dest, State source, Consumer<MountOptions> options) {
    MountOptions m = new MountOptions();
    options.accept(m);
    return source.withOutput(exec.addMount(dest, source.output(), m));
  }

  /** The state of the mount at {@code dest} after the command. */
  public State mount(String dest) {
    return exec.mountState(dest);
  }
}
