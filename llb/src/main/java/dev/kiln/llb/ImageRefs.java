package dev.kiln.llb;

import java.util.regex.Pattern;

/**
 * Normalises image references like Docker: {@code busybox} → {@code docker.io/library/busybox:latest}.
 * A reference that does not parse is returned unchanged, as BuildKit's client does.
 */
public final class ImageRefs {
  private ImageRefs() {}

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern DOMAIN =
      Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

  /** The fully qualified form of {@code ref}, with {@code :latest} when it has neither tag nor digest. */
  public static String normalize(String ref) {
    String rest = ref;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) return ref;
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) return ref;
    }
    String domain = "docker.io";
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase())) {
        domain = first;
        path = rest.substring(slash + 1);
      }
    }
    if (domain.equals("index.docker.io")) domain = "docker.io";
    if (!DOMAIN.matcher(domain).matches()) return ref;
    if (domain.equals("docker.io") && !path.contains("/")) path = "library/" + path;
    for (String c : path.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) return ref;
    }
    StringBuilder sb = new StringBuilder(domain).append('/').append(path);
    if (tag != null) sb.append(':').append(tag);
    if (digest != null) sb.append('@').append(digest);
    if (tag == null && digest == null) sb.append(":latest");
    return sb.toString();
  }
}
