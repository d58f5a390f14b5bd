package dev.kiln.llb.frontend;

/** Turns a build definition (a Dockerfile, …) read through a context into LLB and an image config. */
@FunctionalInterface
public interface Frontend {
  /**
   * Converts the definition. Implementations must be thread-safe and must not keep the context
   * after returning.
   *
   * @throws FrontendException when the definition or the options are invalid
   */
  FrontendResult build(FrontendContext context) throws FrontendException;
}
