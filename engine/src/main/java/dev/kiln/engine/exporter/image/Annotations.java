package dev.kiln.engine.exporter.image;

import dev.kiln.engine.exporter.ExporterOptionException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code annotation[-manifest|-manifest-descriptor|-index|-index-descriptor][[platform]].key=value}.
 * A result has one platform here, so a platform qualifier only selects; plain {@code annotation.}
 * means the manifest, as in BuildKit.
 */
public record Annotations(Map<String, String> manifest, Map<String, String> manifestDescriptor,
    Map<String, String> index, Map<String, String> indexDescriptor) {
  private static final Pattern KEY =
      Pattern.compile("annotation(-manifest|-manifest-descriptor|-index|-index-descriptor)?(?:\\[([^\\]]+)])?\\.(.+)");

  public Annotations {
    manifest = Map.copyOf(manifest);
    manifestDescriptor = Map.copyOf(manifestDescriptor);
    index = Map.copyOf(index);
    indexDescriptor = Map.copyOf(indexDescriptor);
  }

  public static final Annotations NONE = new Annotations(Map.of(), Map.of(), Map.of(), Map.of());

  static Annotations parse(AttrReader r) {
    Map<String, Map<String, String>> by = new TreeMap<>();
    for (var e : r.withPrefix("annotation").entrySet()) {
      Matcher m = KEY.matcher(e.getKey());
      if (!m.matches()) throw new ExporterOptionException(e.getKey(), "expected annotation[-kind][[platform]].<key>");
      String kind = m.group(1) == null ? "-manifest" : m.group(1);
      by.computeIfAbsent(kind, k -> new TreeMap<>()).put(m.group(3), e.getValue());
    }
    return new Annotations(by.getOrDefault("-manifest", Map.of()), by.getOrDefault("-manifest-descriptor", Map.of()),
        by.getOrDefault("-index", Map.of()), by.getOrDefault("-index-descriptor", Map.of()));
  }
}
