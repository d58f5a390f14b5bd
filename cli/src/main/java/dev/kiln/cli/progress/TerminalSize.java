package dev.kiln.cli.progress;

/** Columns and rows of the terminal the TTY display draws on. */
public record TerminalSize(int width, int height) {
  /** What progressui assumes when the console cannot tell: 80x10. */
  public static final TerminalSize DEFAULT = new TerminalSize(80, 10);

  public TerminalSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("terminal size must be positive: " + width + "x" + height);
    }
  }
}
