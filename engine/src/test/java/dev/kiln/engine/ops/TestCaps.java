package dev.kiln.engine.ops;

import dev.kiln.llb.LlbCaps;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;

/** Every cap id the llb module names, for tests that are not about caps. */
final class TestCaps {
  private TestCaps() {}

  static final Set<String> ALL = all();

  private static Set<String> all() {
    Set<String> out = new HashSet<>();
    for (Field f : LlbCaps.class.getFields()) {
      try {
        if (f.getType() == String.class) out.add((String) f.get(null));
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }
}
