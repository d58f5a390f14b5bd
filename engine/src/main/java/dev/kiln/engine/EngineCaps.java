package dev.kiln.engine;

import dev.kiln.llb.LlbCaps;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

/**
 * LLB capabilities a definition may require. Every cap the LLB API names is understood; ops of a
 * kind this engine cannot run yet fail at that step with a message saying so.
 */
final class EngineCaps {
  private EngineCaps() {}

  static final Set<String> SUPPORTED = collect();

  private static Set<String> collect() {
    Set<String> caps = new HashSet<>();
    for (Field f : LlbCaps.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          caps.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Set.copyOf(caps);
  }
}
