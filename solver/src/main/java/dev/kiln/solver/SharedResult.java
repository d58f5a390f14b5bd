package dev.kiln.solver;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A reference-counted {@link Result} around any value: {@code onLastRelease} runs exactly once, when the
 * last handle is released. Thread-safe.
 */
public final class SharedResult<T> implements Result {
  private record Shared<T>(String id, T value, Consumer<? super T> onLastRelease, AtomicInteger references) {}

  private final Shared<T> shared;
  private final AtomicBoolean released = new AtomicBoolean();

  private SharedResult(Shared<T> shared) {
    this.shared = shared;
  }

  /** The first handle on {@code value}. */
  public static <T> SharedResult<T> of(String id, T value, Consumer<? super T> onLastRelease) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(onLastRelease, "onLastRelease");
    return new SharedResult<>(new Shared<>(id, value, onLastRelease, new AtomicInteger(1)));
  }

  /** The underlying value; valid while this handle is not released. */
  public T value() {
    if (released.get()) {
      throw new IllegalStateException("result " + shared.id() + " was released");
    }
    return shared.value();
  }

  @Override
  public String id() {
    return shared.id();
  }

  @Override
  public SharedResult<T> clone() {
    if (released.get()) {
      throw new IllegalStateException("cannot clone released result " + shared.id());
    }
    shared.references().incrementAndGet();
    return new SharedResult<>(shared);
  }

  @Override
  public void release() {
    if (released.compareAndSet(false, true) && shared.references().decrementAndGet() == 0) {
      shared.onLastRelease().accept(shared.value());
    }
  }

  /** Live handles on the underlying value (for tests and leak checks). */
  public int references() {
    return shared.references().get();
  }

  @Override
  public String toString() {
    return "SharedResult[" + shared.id() + "]";
  }
}
