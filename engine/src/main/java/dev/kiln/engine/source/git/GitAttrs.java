package dev.kiln.engine.source.git;

import java.net.URI;
import java.util.Map;

/**
 * A git source op, parsed once: {@code git://<remote>[#<ref>[:<subdir>]]} with the real URL in
 * {@code git.fullurl} (https when absent, as in BuildKit). {@code ref} is empty for the remote's
 * HEAD; {@code subdir} is empty for the whole tree.
 */
record GitAttrs(String url, String ref, String subdir, boolean keepGitDir, String authTokenSecret,
    String authHeaderSecret, String sshAgentId, String knownSshHosts, String checksum) {

  static GitAttrs of(String rest, Map<String, String> attrs) {
    String remote = rest;
    String ref = "";
    String subdir = "";
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      remote = rest.substring(0, hash);
      String fragment = rest.substring(hash + 1);
      int colon = fragment.indexOf(':');
      ref = colon >= 0 ? fragment.substring(0, colon) : fragment;
      subdir = colon >= 0 ? fragment.substring(colon + 1) : "";
    }
    String url = attrs.getOrDefault("git.fullurl", "");
    if (url.isEmpty()) url = "https://" + remote;
    subdir = cleanSubdir(subdir);
    String keep = attrs.getOrDefault("git.keepgitdir", "");
    if (!keep.isEmpty() && !keep.equals("true") && !keep.equals("false")) {
      throw new IllegalArgumentException("invalid git.keepgitdir \"" + keep + "\": expected true or false");
    }
    String checksum = attrs.getOrDefault("git.checksum", "").toLowerCase(java.util.Locale.ROOT);
    if (!checksum.isEmpty() && !checksum.matches("[0-9a-f]{1,64}")) {
      throw new IllegalArgumentException("invalid checksum " + attrs.get("git.checksum") + ": expected hex commit hash");
    }
    String agent = attrs.getOrDefault("git.mountsshsock", "");
    return new GitAttrs(url, ref, subdir, keep.equals("true"),
        attrs.getOrDefault("git.authtokensecret", "GIT_AUTH_TOKEN"),
        attrs.getOrDefault("git.authheadersecret", "GIT_AUTH_HEADER"),
        agent.isEmpty() ? "default" : agent, attrs.getOrDefault("git.knownsshhosts", ""), checksum);
  }

  /** An ssh remote: {@code ssh://…} or scp-like {@code user@host:path}. */
  boolean ssh() {
    return url.startsWith("ssh://") || url.matches("^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:.*");
  }

  /** The URL's host, for host-scoped secret names; empty for local paths. */
  String host() {
    try {
      String h = URI.create(url).getHost();
      return h == null ? "" : h;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** The URL without user info, as recorded in a kept {@code .git}. */
  String publicUrl() {
    return url.replaceFirst("^([a-z+]+://)[^/@]*@", "$1");
  }

  private static String cleanSubdir(String subdir) {
    String s = subdir.replaceAll("^/+|/+$", "");
    for (String part : s.split("/")) {
      if (part.equals("..")) {
        throw new IllegalArgumentException("invalid git subdirectory \"" + subdir + "\": must stay inside the repository");
      }
    }
    return s.equals(".") ? "" : s;
  }
}
