package dev.kiln.solver;

/**
 * A handle on one output of an op (for the engine, an immutable snapshot ref). The solver never looks
 * inside; it only clones, passes on and releases handles.
 *
 * <p>Reference counted: each handle is one reference. {@link #clone()} adds a reference as a new handle;
 * {@link #release()} drops this handle's reference (a second release is a no-op); dropping the last one
 * releases the underlying thing. Whoever receives a handle owns it and must release it, unless a contract
 * says it is borrowed. Thread-safe. {@link SharedResult} implements all of this for any value.
 */
public interface Result extends AutoCloseable {
  /** Stable identifier of the underlying thing; what {@link ResultLoader#load} accepts. */
  String id();

  /** A new handle on the same underlying thing. */
  Result clone();

  void release();

  /** Same as {@link #release()}, for try-with-resources. */
  @Override
  default void close() {
    release();
  }
}
