package dev.kiln.engine.fs;

/** A numeric owner to give files; names are resolved beforehand with {@link UserDb}. */
public record Owner(int uid, int gid) {
  public static final Owner ROOT = new Owner(0, 0);

  @Override
  public String toString() {
    return uid + ":" + gid;
  }
}
