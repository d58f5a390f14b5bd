package dev.kiln.llb;

import java.util.function.Supplier;

/**
 * Stands for a state that is known only once the whole graph is built, like BuildKit's
 * {@code mutableOutput}: a Dockerfile's build context, whose followed paths are collected while
 * the instructions that read it are converted. Marshals exactly as the state it resolves to.
 */
final class DeferredVertex implements Vertex {
  private final Supplier<State> target;
  private Output resolved;

  DeferredVertex(Supplier<State> target) {
    this.target = target;
  }

  private Output resolve() {
    if (resolved == null) {
      State s = target.get();
      if (s == null || s.isScratch()) {
        throw new IllegalStateException("a deferred state must resolve to a non-scratch state before marshalling");
      }
      resolved = s.output();
    }
    return resolved;
  }

  @Override
  public MarshaledOp marshal(MarshalContext ctx) {
    return ctx.marshal(resolve().vertex());
  }

  @Override
  public Platform explicitPlatform() {
    return null;
  }

  @Override
  public long outputIndex(int slot) {
    Output o = resolve();
    return o.vertex().outputIndex(o.slot());
  }
}
