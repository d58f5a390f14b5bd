package dev.kiln.daemon.gateway;

import dev.kiln.llb.LlbCaps;
import dev.kiln.proto.apicaps.APICap;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** The caps {@code LLBBridge.Ping} advertises; clients gate requests on them, so list only what works. */
final class Caps {
  /** Gateway features implemented by {@link BridgeService}. */
  static final List<String> GATEWAY = List.of("solve.base", "return", "proto.refarray", "frontend.inputs");

  private Caps() {}

  static List<APICap> gateway() {
    return GATEWAY.stream().map(Caps::enabled).toList();
  }

  /** Every LLB cap the Java LLB API names; the engine reports ops it cannot run at that step. */
  static List<APICap> llb() {
    List<APICap> caps = new ArrayList<>();
    for (Field f : LlbCaps.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          caps.add(enabled((String) f.get(null)));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return caps;
  }

  private static APICap enabled(String id) {
    return APICap.newBuilder().setID(id).setEnabled(true).build();
  }
}
