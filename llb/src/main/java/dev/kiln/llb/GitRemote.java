package dev.kiln.llb;

import java.util.regex.Pattern;

/**
 * A git remote split the way BuildKit identifies it: the identifier drops the scheme and user,
 * and scp-like {@code host:path} becomes {@code host/path}; {@code fullUrl} keeps the real URL.
 */
record GitRemote(String remote, String fullUrl, boolean ssh) {
  private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:.*");

  static GitRemote parse(String input) {
    String url = input.split("#", 2)[0];
    String remote = input;
    String protocol = "";
    for (String prefix : new String[] {"http://", "https://", "git://", "ssh://", "file://"}) {
      if (remote.startsWith(prefix)) {
        remote = remote.substring(prefix.length());
        protocol = prefix;
      }
    }
    boolean ssh = protocol.equals("ssh://");
    if (protocol.isEmpty() && SCP_LIKE.matcher(remote).matches()) {
      ssh = true;
    }
    if (ssh) {
      int at = remote.indexOf('@');
      if (at >= 0) remote = remote.substring(at + 1);
      if (protocol.isEmpty()) {
        int colon = remote.indexOf(':');
        if (colon >= 0) remote = remote.substring(0, colon) + "/" + remote.substring(colon + 1);
      }
    }
    if (protocol.isEmpty() && !ssh) {
      url = "https://" + url;
    }
    return new GitRemote(remote, url, ssh);
  }
}
