package dev.kiln.llb;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ordered environment. Setting an existing key moves it to the end, as BuildKit's env list does,
 * so the order of {@code K=V} entries matches BuildKit's and so do the digests.
 */
public record EnvList(List<Entry> entries) {
  public static final EnvList EMPTY = new EnvList(List.of());

  public record Entry(String key, String value) {}

  public EnvList {
    entries = List.copyOf(entries);
  }

  public EnvList set(String key, String value) {
    List<Entry> next = new ArrayList<>(entries.size() + 1);
    for (Entry e : entries) {
      if (!e.key().equals(key)) {
        next.add(e);
      }
    }
    next.add(new Entry(key, value));
    return new EnvList(next);
  }

  /** Sets {@code key} only when it is absent. */
  public EnvList setDefault(String key, String value) {
    return get(key).isPresent() ? this : set(key, value);
  }

  public EnvList remove(String key) {
    return new EnvList(entries.stream().filter(e -> !e.key().equals(key)).toList());
  }

  public Optional<String> get(String key) {
    return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
  }

  public List<String> toArray() {
    return entries.stream().map(e -> e.key() + "=" + e.value()).toList();
  }
}
