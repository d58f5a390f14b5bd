package dev.kiln.llb;

import java.security.SecureRandom;
import java.util.Set;

/**
 * Settings for turning a graph into a {@code Definition}.
 *
 * @param platform the platform of ops whose state names none
 * @param caps the LLB capabilities of the target engine, or null when unknown (then no
 *     cap-dependent defaults are applied, like BuildKit's client with no caps)
 * @param localUniqueId value of {@code local.unique} for local sources without a session
 */
public record MarshalOptions(Platform platform, Set<String> caps, String localUniqueId) {
  private static final String ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  public MarshalOptions {
    caps = caps == null ? null : Set.copyOf(caps);
  }

  /** Host platform, unknown caps, a fresh random local id. */
  public static MarshalOptions defaults() {
    return new MarshalOptions(Platform.host(), null, randomId());
  }

  public MarshalOptions withPlatform(Platform p) {
    return new MarshalOptions(p, caps, localUniqueId);
  }

  public MarshalOptions withCaps(Set<String> c) {
    return new MarshalOptions(platform, c, localUniqueId);
  }

  public MarshalOptions withLocalUniqueId(String id) {
    return new MarshalOptions(platform, caps, id);
  }

  /** A 25-character random id of digits and lowercase letters, as BuildKit's identity ids. */
  public static String randomId() {
    StringBuilder sb = new StringBuilder(25);
    for (int i = 0; i < 25; i++) {
      sb.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
    }
    return sb.toString();
  }
}
