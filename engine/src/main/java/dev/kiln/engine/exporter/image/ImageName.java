package dev.kiln.engine.exporter.image;

import java.util.regex.Pattern;

/**
 * An image name as tarballs record it: {@code foo} is {@code docker.io/library/foo:latest}. Only
 * the normalisation exporters need; a digest-only name keeps no tag. (The registry module has the
 * full reference grammar; the engine does not pull it in for this.)
 *
 * @param repository {@code registry/path}, normalised
 * @param tag the tag, {@code latest} when none was given
 */
public record ImageName(String repository, String tag) {
  private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  public static ImageName parse(String text) {
    String rest = text;
    String tag = "latest";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) throw new IllegalArgumentException("invalid tag in image name '" + text + "'");
    }
    int slash = rest.indexOf('/');
    String first = slash < 0 ? "" : rest.substring(0, slash);
    boolean hasHost = first.contains(".") || first.contains(":") || first.equals("localhost");
    String host = hasHost ? first : "docker.io";
    String path = hasHost ? rest.substring(slash + 1) : rest;
    if (!PATH.matcher(path).matches()) throw new IllegalArgumentException("invalid image name '" + text + "'");
    if (host.equals("docker.io") && !path.contains("/")) path = "library/" + path;
    return new ImageName(host + "/" + path, tag);
  }

  /** Docker's short form: {@code foo:latest} for Docker Hub library images. */
  public String familiar() {
    String r = repository;
    if (r.startsWith("docker.io/library/")) r = r.substring("docker.io/library/".length());
    else if (r.startsWith("docker.io/")) r = r.substring("docker.io/".length());
    return r + ":" + tag;
  }

  /** The short repository, without the tag ({@code foo}). */
  public String familiarRepository() {
    String f = familiar();
    return f.substring(0, f.lastIndexOf(':'));
  }

  @Override
  public String toString() {
    return repository + ":" + tag;
  }
}
