package dev.kiln.llb;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A file that ops were produced from (e.g. a Dockerfile), so errors can point into it. Compared
 * by identity: each instance becomes one {@code SourceInfo} entry.
 */
public final class SourceMap {
  private final String filename;
  private final byte[] data;
  private final String language;

  public SourceMap(String filename, byte[] data, String language) {
    this.filename = filename;
    this.data = data.clone();
    this.language = language == null ? "" : language;
  }

  public static SourceMap of(String filename, String text) {
    return new SourceMap(filename, text.getBytes(StandardCharsets.UTF_8), "");
  }

  public String filename() {
    return filename;
  }

  public byte[] data() {
    return data.clone();
  }

  public String language() {
    return language;
  }

  /** Whole lines {@code first} to {@code last} (1-based; a {@code last} before {@code first} means {@code first} alone). */
  public SourceLocation lines(int first, int last) {
    return location(List.of(SourceLocation.Range.of(first, 0, Math.max(first, last), 0)));
  }

  /** A location in this file covering the given ranges. */
  public SourceLocation location(List<SourceLocation.Range> ranges) {
    return new SourceLocation(this, ranges);
  }
}
