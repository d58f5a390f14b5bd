package dev.kiln.llb;

import java.util.List;

/** Options of {@link State#local}; pattern lists travel as JSON arrays, as BuildKit expects. */
public final class LocalOptions extends OpOptions<LocalOptions> {
  String sessionId = "";
  String includePatterns;
  String excludePatterns;
  String followPaths;
  String sharedKeyHint = "";
  String differ;
  boolean differRequired;

  LocalOptions() {}

  public LocalOptions sessionId(String id) {
    this.sessionId = id;
    return this;
  }

  public LocalOptions includePatterns(List<String> patterns) {
    this.includePatterns = GoJson.stringArray(patterns);
    return this;
  }

  public LocalOptions excludePatterns(List<String> patterns) {
    this.excludePatterns = GoJson.stringArray(patterns);
    return this;
  }

  public LocalOptions followPaths(List<String> paths) {
    this.followPaths = GoJson.stringArray(paths);
    return this;
  }

  /** A key for reusing an earlier transfer of the same directory. */
  public LocalOptions sharedKeyHint(String hint) {
    this.sharedKeyHint = hint;
    return this;
  }

  /** How changed files are detected: {@code metadata} (default) or {@code none}. */
  public LocalOptions differ(String type, boolean required) {
    this.differ = type;
    this.differRequired = required;
    return this;
  }
}
