package dev.kiln.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalised image reference, following docker's reference grammar: {@code alpine} is {@code
 * docker.io/library/alpine:latest}; a first path component naming a host ({@code .}, {@code :} or
 * {@code localhost}) is the registry. A reference with a digest and no tag has no tag.
 */
public record ImageRef(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final String DOCKER_HUB_API = "registry-1.docker.io";
  private static final Pattern HOST =
      Pattern.compile(
          "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
              + "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[0-9a-fA-F:.]+\\])"
              + "(?::[0-9]+)?");
  private static final Pattern COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  public ImageRef {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
  }

  /** Parses and normalises {@code text}; throws {@link IllegalArgumentException} naming it. */
  public static ImageRef parse(String text) {
    String rest = text;
    Optional<Digest> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(parseDigest(text, rest.substring(at + 1)));
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      String t = rest.substring(colon + 1);
      if (!TAG.matcher(t).matches()) {
        throw invalid(text, "invalid tag \"" + t + "\"");
      }
      tag = Optional.of(t);
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty()) {
      throw invalid(text, "repository name is empty");
    }
    String[] hostAndPath = splitRegistry(rest);
    String registry = hostAndPath[0];
    String path = hostAndPath[1];
    if (!HOST.matcher(registry).matches()) {
      throw invalid(text, "invalid registry host \"" + registry + "\"");
    }
    validatePath(text, path);
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    if (registry.length() + 1 + path.length() > 255) {
      throw invalid(text, "repository name is longer than 255 characters");
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = Optional.of("latest");
    }
    return new ImageRef(registry, path, tag, digest);
  }

  private static String[] splitRegistry(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return new String[] {DOCKER_HUB, name};
    }
    String first = name.substring(0, slash);
    boolean isHost =
        first.contains(".") || first.contains(":") || first.equals("localhost")
            || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    if (!isHost) {
      return new String[] {DOCKER_HUB, name};
    }
    String host = first.equals("index.docker.io") ? DOCKER_HUB : first;
    return new String[] {host, name.substring(slash + 1)};
  }

  private static void validatePath(String text, String path) {
    if (!path.equals(path.toLowerCase(java.util.Locale.ROOT))) {
      throw invalid(text, "repository name \"" + path + "\" must be lowercase");
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw invalid(text, "invalid repository path component \"" + component + "\"");
      }
    }
  }

  private static Digest parseDigest(String text, String value) {
    try {
      return Digest.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(text, e.getMessage());
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid image reference \"" + text + "\": " + why);
  }

  /** The host the Registry HTTP API is served from ({@code registry-1.docker.io} for Docker Hub). */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  /** {@code registry/repository}, without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /** What goes after {@code /manifests/}: the digest when known, else the tag. */
  public String reference() {
    return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
  }

  public ImageRef withDigest(Digest d) {
    return new ImageRef(registry, repository, tag, Optional.of(d));
  }

  public ImageRef withTag(String t) {
    return parse(name() + ":" + t);
  }

  /** The same repository with the given tag or digest only. */
  public ImageRef at(Digest d) {
    return new ImageRef(registry, repository, Optional.empty(), Optional.of(d));
  }

  /** Another repository on the same registry (e.g. the source of a cross-repo mount). */
  public ImageRef inRepository(String otherRepository) {
    return parse(registry + "/" + otherRepository);
  }

  @Override
  public String toString() {
    return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
