package dev.kiln.llb.dump;

/** Bytes that are not a usable LLB definition; the message is one line, fit for a CLI error. */
public final class DefinitionException extends Exception {
  public DefinitionException(String message) {
    super(message);
  }
}
