package dev.kiln.llb;

import java.util.List;

/** Ranges in a {@link SourceMap} that an op came from. Lines are 1-based. */
public record SourceLocation(SourceMap sourceMap, List<Range> ranges) {
  public SourceLocation {
    ranges = List.copyOf(ranges);
  }

  public record Position(int line, int character) {}

  public record Range(Position start, Position end) {
    public static Range of(int startLine, int startChar, int endLine, int endChar) {
      return new Range(new Position(startLine, startChar), new Position(endLine, endChar));
    }
  }
}
