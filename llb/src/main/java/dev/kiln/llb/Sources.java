package dev.kiln.llb;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Builds source states: identifiers, attrs and required caps exactly as BuildKit's client does. */
final class Sources {
  private Sources() {}

  static State image(String ref, Consumer<ImageOptions> configure) {
    ImageOptions o = new ImageOptions();
    configure.accept(o);
    Map<String, String> attrs = new TreeMap<>();
    o.constraints.caps.add(LlbCaps.SOURCE_IMAGE);
    if (o.resolveMode != ImageOptions.ResolveMode.DEFAULT) {
      attrs.put("image.resolvemode", o.resolveMode.wire);
      if (o.resolveMode == ImageOptions.ResolveMode.FORCE_PULL) {
        o.constraints.caps.add(LlbCaps.SOURCE_IMAGE_RESOLVE_MODE);
      }
    }
    if (!o.recordType.isEmpty()) attrs.put("image.recordtype", o.recordType);
    if (o.layerLimit != null) {
      attrs.put("image.layerlimit", Integer.toString(o.layerLimit));
      o.constraints.caps.add(LlbCaps.SOURCE_IMAGE_LAYER_LIMIT);
    }
    return source("docker-image://" + ImageRefs.normalize(ref), attrs, o);
  }

  static State local(String name, Consumer<LocalOptions> configure) {
    LocalOptions o = new LocalOptions();
    configure.accept(o);
    Map<String, String> attrs = new TreeMap<>();
    putWithCap(o, attrs, SourceVertex.ATTR_LOCAL_SESSION, o.sessionId, LlbCaps.SOURCE_LOCAL_SESSION_ID);
    putWithCap(o, attrs, "local.includepattern", o.includePatterns, LlbCaps.SOURCE_LOCAL_INCLUDE_PATTERNS);
    putWithCap(o, attrs, "local.followpaths", o.followPaths, LlbCaps.SOURCE_LOCAL_FOLLOW_PATHS);
    putWithCap(o, attrs, "local.excludepatterns", o.excludePatterns, LlbCaps.SOURCE_LOCAL_EXCLUDE_PATTERNS);
    putWithCap(o, attrs, "local.sharedkeyhint", o.sharedKeyHint, LlbCaps.SOURCE_LOCAL_SHARED_KEY_HINT);
    if (o.differ != null) {
      attrs.put("local.differ", o.differ);
      if (o.differRequired) o.constraints.caps.add(LlbCaps.SOURCE_LOCAL_DIFFER);
    }
    o.constraints.caps.add(LlbCaps.SOURCE_LOCAL);
    return source("local://" + name, attrs, o);
  }

  static State git(String remote, String ref, Consumer<GitOptions> configure) {
    GitOptions o = new GitOptions();
    configure.accept(o);
    GitRemote parsed = GitRemote.parse(remote);
    Map<String, String> attrs = new TreeMap<>();
    if (o.keepGitDir) {
      attrs.put("git.keepgitdir", "true");
      o.constraints.caps.add(LlbCaps.SOURCE_GIT_KEEP_DIR);
    }
    if (!parsed.fullUrl().isEmpty()) {
      attrs.put("git.fullurl", parsed.fullUrl());
      o.constraints.caps.add(LlbCaps.SOURCE_GIT_FULL_URL);
    }
    putAuthSecret(o, attrs, "git.authtokensecret", o.authTokenSecret);
    putAuthSecret(o, attrs, "git.authheadersecret", o.authHeaderSecret);
    putWithCap(o, attrs, "git.checksum", o.checksum, LlbCaps.SOURCE_GIT_CHECKSUM);
    if (parsed.ssh()) {
      if (!o.knownSshHosts.isEmpty()) attrs.put("git.knownsshhosts", o.knownSshHosts);
      o.constraints.caps.add(LlbCaps.SOURCE_GIT_KNOWN_SSH_HOSTS);
      attrs.put("git.mountsshsock", o.mountSshSock.isEmpty() ? "default" : o.mountSshSock);
      o.constraints.caps.add(LlbCaps.SOURCE_GIT_MOUNT_SSH_SOCK);
    }
    o.constraints.caps.add(LlbCaps.SOURCE_GIT);
    String id = parsed.remote() + (ref == null || ref.isEmpty() ? "" : "#" + ref);
    return source("git://" + id, attrs, o);
  }

  static State http(String url, Consumer<HttpOptions> configure) {
    HttpOptions o = new HttpOptions();
    configure.accept(o);
    Map<String, String> attrs = new TreeMap<>();
    putWithCap(o, attrs, "http.checksum", o.checksum == null ? null : o.checksum.value(), LlbCaps.SOURCE_HTTP_CHECKSUM);
    if (o.filename != null && !o.filename.isEmpty()) attrs.put("http.filename", o.filename);
    if (o.perm != 0) putWithCap(o, attrs, "http.perm", "0" + Integer.toOctalString(o.perm), LlbCaps.SOURCE_HTTP_PERM);
    if (o.uid != 0) putWithCap(o, attrs, "http.uid", Integer.toString(o.uid), LlbCaps.SOURCE_HTTP_UIDGID);
    if (o.gid != 0) putWithCap(o, attrs, "http.gid", Integer.toString(o.gid), LlbCaps.SOURCE_HTTP_UIDGID);
    putWithCap(o, attrs, "http.header.accept", o.accept, LlbCaps.SOURCE_HTTP_HEADER);
    putWithCap(o, attrs, "http.header.user-agent", o.userAgent, LlbCaps.SOURCE_HTTP_HEADER);
    o.constraints.caps.add(LlbCaps.SOURCE_HTTP);
    return source(url, attrs, o);
  }

  static State ociLayout(String ref, Consumer<OciLayoutOptions> configure) {
    OciLayoutOptions o = new OciLayoutOptions();
    configure.accept(o);
    Map<String, String> attrs = new TreeMap<>();
    if (!o.sessionId.isEmpty()) attrs.put("oci.session", o.sessionId);
    if (!o.storeId.isEmpty()) attrs.put("oci.store", o.storeId);
    if (o.layerLimit != null) attrs.put("oci.layerlimit", Integer.toString(o.layerLimit));
    o.constraints.caps.add(LlbCaps.SOURCE_OCI_LAYOUT);
    return source("oci-layout://" + ref, attrs, o);
  }

  private static State source(String identifier, Map<String, String> attrs, OpOptions<?> o) {
    return State.of(new SourceVertex(identifier, attrs, o.constraints()).output());
  }

  private static void putWithCap(OpOptions<?> o, Map<String, String> attrs, String key, String value, String cap) {
    if (value != null && !value.isEmpty()) {
      attrs.put(key, value);
      o.constraints.caps.add(cap);
    }
  }

  private static void putAuthSecret(GitOptions o, Map<String, String> attrs, String key, String value) {
    if (!value.isEmpty()) {
      attrs.put(key, value);
      // Only an explicitly named secret requires the engine to understand HTTP auth.
      if (o.authExplicit) o.constraints.caps.add(LlbCaps.SOURCE_GIT_HTTP_AUTH);
    }
  }
}
