package dev.kiln.llb;

/** LLB capability ids, spelled exactly as on the wire (including BuildKit's own typos). */
public final class LlbCaps {
  private LlbCaps() {}

  public static final String SOURCE_IMAGE = "source.image";
  public static final String SOURCE_IMAGE_RESOLVE_MODE = "source.image.resolvemode";
  public static final String SOURCE_IMAGE_LAYER_LIMIT = "source.image.layerlimit";
  public static final String SOURCE_LOCAL = "source.local";
  public static final String SOURCE_LOCAL_UNIQUE = "source.local.unique";
  public static final String SOURCE_LOCAL_SESSION_ID = "source.local.sessionid";
  public static final String SOURCE_LOCAL_INCLUDE_PATTERNS = "source.local.includepatterns";
  public static final String SOURCE_LOCAL_FOLLOW_PATHS = "source.local.followpaths";
  public static final String SOURCE_LOCAL_EXCLUDE_PATTERNS = "source.local.excludepatterns";
  public static final String SOURCE_LOCAL_SHARED_KEY_HINT = "source.local.sharedkeyhint";
  public static final String SOURCE_LOCAL_DIFFER = "source.local.differ";
  public static final String SOURCE_GIT = "source.git";
  public static final String SOURCE_GIT_KEEP_DIR = "source.git.keepgitdir";
  public static final String SOURCE_GIT_FULL_URL = "source.git.fullurl";
  public static final String SOURCE_GIT_CHECKSUM = "source.git.checksum";
  public static final String SOURCE_GIT_HTTP_AUTH = "source.git.httpauth";
  public static final String SOURCE_GIT_KNOWN_SSH_HOSTS = "source.git.knownsshhosts";
  public static final String SOURCE_GIT_MOUNT_SSH_SOCK = "source.git.mountsshsock";
  public static final String SOURCE_GIT_SUBDIR = "source.git.subdir";
  public static final String SOURCE_HTTP = "source.http";
  public static final String SOURCE_HTTP_CHECKSUM = "source.http.checksum";
  public static final String SOURCE_HTTP_HEADER = "source.http.header";
  public static final String SOURCE_HTTP_PERM = "source.http.perm";
  /** Misspelt in BuildKit itself; the wire value must match. */
  public static final String SOURCE_HTTP_UIDGID = "soruce.http.uidgid";
  public static final String SOURCE_OCI_LAYOUT = "source.ocilayout";
  public static final String SOURCE_BUILD_OP_LLB_FILENAME = "source.buildop.llbfilename";

  public static final String EXEC_META_BASE = "exec.meta.base";
  public static final String EXEC_META_CGROUP_PARENT = "exec.meta.cgroup.parent";
  public static final String EXEC_META_NETWORK = "exec.meta.network";
  public static final String EXEC_META_PROXY = "exec.meta.proxyenv";
  public static final String EXEC_META_SECURITY = "exec.meta.security";
  public static final String EXEC_META_SECURITY_DEVICE_WHITELIST_V1 = "exec.meta.security.devices.v1";
  public static final String EXEC_META_SETS_DEFAULT_PATH = "exec.meta.setsdefaultpath";
  public static final String EXEC_META_ULIMIT = "exec.meta.ulimit";
  public static final String EXEC_META_REMOVE_MOUNT_STUBS_RECURSIVE = "exec.meta.removemountstubs.recursive";
  public static final String EXEC_MOUNT_BIND = "exec.mount.bind";
  public static final String EXEC_MOUNT_BIND_READ_WRITE_NO_OUTPUT = "exec.mount.bind.readwrite-nooutput";
  public static final String EXEC_MOUNT_CACHE = "exec.mount.cache";
  public static final String EXEC_MOUNT_CACHE_SHARING = "exec.mount.cache.sharing";
  public static final String EXEC_MOUNT_SELECTOR = "exec.mount.selector";
  public static final String EXEC_MOUNT_TMPFS = "exec.mount.tmpfs";
  public static final String EXEC_MOUNT_TMPFS_SIZE = "exec.mount.tmpfs.size";
  public static final String EXEC_MOUNT_SECRET = "exec.mount.secret";
  public static final String EXEC_MOUNT_SSH = "exec.mount.ssh";
  public static final String EXEC_CGROUPS_MOUNTED = "exec.cgroup";
  public static final String EXEC_SECRET_ENV = "exec.secretenv";

  public static final String FILE_BASE = "file.base";
  public static final String FILE_RM_WILDCARD = "file.rm.wildcard";
  public static final String FILE_COPY_INCLUDE_EXCLUDE_PATTERNS = "file.copy.includeexcludepatterns";
  public static final String FILE_RM_NO_FOLLOW_SYMLINK = "file.rm.nofollowsymlink";

  public static final String CONSTRAINTS = "constraints";
  public static final String PLATFORM = "platform";
  public static final String META_IGNORE_CACHE = "meta.ignorecache";
  public static final String META_DESCRIPTION = "meta.description";
  public static final String META_EXPORT_CACHE = "meta.exportcache";

  public static final String MERGE_OP = "mergeop";
  public static final String DIFF_OP = "diffop";
}
