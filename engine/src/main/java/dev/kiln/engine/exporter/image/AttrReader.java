package dev.kiln.engine.exporter.image;

import dev.kiln.engine.exporter.ExporterOptionException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Reads exporter attributes by key, remembering which were read so unknown keys are caught. */
public final class AttrReader {
  /** Keys BuildKit accepts that have no effect here yet. */
  static final List<String> IGNORED = List.of("buildinfo", "buildinfo-attrs", "attestation-inline",
      "prefer-nondist-layers", "store", "unpack", "dangling-name-prefix", "name-canonical");

  private final Map<String, String> attrs;
  private final Set<String> read = new HashSet<>();

  public AttrReader(Map<String, String> attrs) {
    this.attrs = attrs;
  }

  public Optional<String> string(String key) {
    read.add(key);
    return Optional.ofNullable(attrs.get(key));
  }

  /** Go's strconv.ParseBool; an empty value means true, as BuildKit's CSV flags do. */
  public Optional<Boolean> bool(String key) {
    return string(key).map(v -> switch (v) {
      case "", "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw new ExporterOptionException(key, "'" + v + "' is not a boolean");
    });
  }

  public Optional<Integer> integer(String key) {
    return string(key).map(v -> parse(key, v, Integer::parseInt));
  }

  public Optional<Long> longValue(String key) {
    return string(key).map(v -> parse(key, v, Long::parseLong));
  }

  public <T> T parse(String key, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new ExporterOptionException(key, "'" + value + "': " + e.getMessage());
    }
  }

  /** All keys with {@code prefix}, marked read. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new java.util.TreeMap<>();
    attrs.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        read.add(k);
        out.put(k, v);
      }
    });
    return out;
  }

  public void ignore(List<String> keys) {
    read.addAll(keys);
  }

  public void rejectUnread() {
    Set<String> unknown = new TreeSet<>(attrs.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new ExporterOptionException(unknown.iterator().next(), "unknown option for this exporter");
    }
  }
}
