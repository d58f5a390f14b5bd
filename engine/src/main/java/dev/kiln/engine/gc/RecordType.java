package dev.kiln.engine.gc;

/** What a usage record holds, with BuildKit's names (the {@code RecordType} of {@code UsageRecord}). */
public enum RecordType {
  REGULAR("regular"),
  SOURCE_LOCAL("source.local"),
  EXEC_CACHEMOUNT("exec.cachemount"),
  SOURCE_GIT_CHECKOUT("source.git.checkout"),
  FREQUENT("frequent"),
  INTERNAL("internal"),
  FRONTEND("frontend");

  private final String wireName;

  RecordType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type named {@code name}; unknown names (a newer store) count as regular. */
  public static RecordType of(String name) {
    for (RecordType t : values()) {
      if (t.wireName.equals(name)) return t;
    }
    return REGULAR;
  }
}
