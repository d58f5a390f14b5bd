package dev.kiln.llb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API golden graphs of {@code llb-golden/README.md} §6, rebuilt with Kiln's LLB API. Each
 * method is the Java counterpart of the graph the README describes.
 */
final class ApiGraphs {
  private ApiGraphs() {}

  static final Instant T1700 = Instant.ofEpochSecond(1_700_000_000L);

  /** Marshal options of the goldens: linux/amd64, no caps, a fixed local id. */
  static MarshalOptions options() {
    return new MarshalOptions(Platform.LINUX_AMD64, null, "golden-local-unique");
  }

  static State g01ImageRun() {
    return State.image("busybox").run(r -> r.shlex("sh -c \"echo hello > /hello.txt\"")).root();
  }

  static State g02ImagePlatformResolveMode() {
    return State.image("docker.io/library/alpine:3.18",
            o -> o.platform(Platform.LINUX_ARM64).resolveMode(ImageOptions.ResolveMode.FORCE_PULL))
        .run(r -> r.args("uname", "-m")).root();
  }

  static State g03LocalSource() {
    return State.local("src", o -> o
        .includePatterns(List.of("*.go", "go.mod", "cmd/**"))
        .excludePatterns(List.of("vendor", "**/*_test.go"))
        .followPaths(List.of("cmd", "go.mod"))
        .sharedKeyHint("golden-src")
        .differ("none", true));
  }

  static State g04FileMkdirMkfileRm() {
    FileAction chain = FileAction.mkdir("/opt/app/bin", 0755, o -> o.parents(true).owner(1000, 1000))
        .thenMkdir("data", 0700, o -> o.parents(true).owner("app:staff").createdTime(T1700))
        .thenMkfile("bin/hello.sh", 0755, utf8("#!/bin/sh\necho hello\n"), o -> o.owner("root"))
        .thenMkfile("/opt/app/data/config.json", 0600, utf8("{\"k\":\"v\"}\n"), o -> o.createdTime(T1700))
        .thenMkfile("tmp-1.log", 0644, null)
        .thenRm("/opt/app/tmp-*", o -> o.allowNotFound().allowWildcard())
        .thenRm("data/missing", RmOptions::allowNotFound);
    return State.scratch().dir("/opt/app").file(chain);
  }

  static State g05FileCopyOptions() {
    State src = State.image("docker.io/library/alpine:3.18");
    State dst = State.image("busybox").dir("/work");
    FileAction chain = FileAction.copy(src, "/etc/", "/dst/etc/", o -> o.mode(0640)
            .followSymlinks().copyDirContentsOnly().attemptUnpack().createDestPath()
            .allowWildcard().allowEmptyWildcard()
            .includePatterns(List.of("*.conf", "ssl/**")).excludePatterns(List.of("*.bak", "ssl/private"))
            .owner("app:staff").createdTime(T1700))
        .thenCopy(src.dir("/usr"), "share/", "out/", o -> o.owner(1000, 1001))
        .thenCopy(src, "bin/busybox", "out/bin/busybox", o -> o.owner("1000:staff"));
    return dst.file(chain);
  }

  static State g06ExecMounts() {
    State other = State.image("docker.io/library/alpine:3.18");
    ExecState es = State.image("busybox").run(r -> r
        .shlex("sh -c \"ls /mnt/alpine > /out/listing.txt\"")
        .mount("/cache/shared", State.scratch(), m -> m.cache("golden-cache-shared", CacheSharing.SHARED))
        .mount("/cache/private", State.scratch(), m -> m.cache("golden-cache-private", CacheSharing.PRIVATE))
        .mount("/cache/locked", State.scratch(), m -> m.cache("golden-cache-locked", CacheSharing.LOCKED))
        .mount("/tmp", State.scratch(), m -> m.tmpfs(67108864))
        .mount("/mnt/alpine", other, m -> m.readonly().sourcePath("/etc"))
        .mount("/scratchpad", State.scratch(), MountOptions::noOutput)
        .secret("/run/secrets/token", s -> s.id("api-token").file(1000, 1000, 0440).optional())
        .secret("/run/secrets/plain")
        .secret("API_KEY", s -> s.id("api-key").asEnv())
        .ssh()
        .ssh(s -> s.id("gitlab").socket("/run/ssh/gitlab.sock", 1000, 1000, 0660).optional()));
    return es.addMount("/out", State.scratch());
  }

  static State g07ExecMeta() {
    State base = State.image("busybox").addEnv("FOO", "bar").addEnv("PATH", "/usr/local/bin:/usr/bin:/bin")
        .dir("/work").dir("sub").user("nobody");
    State s1 = base.run(r -> r
        .shlex("sh -c 'echo \"$FOO\" > out.txt'")
        .network(Network.NONE)
        .addExtraHost("registry.local", "10.0.0.5")
        .addExtraHost("ipv6.local", "fd00::5")
        .hostname("golden-builder")
        .addUlimit("nofile", 1024, 4096)
        .addUlimit("nproc", 512, 512)
        .cgroupParent("golden.slice")
        .proxyEnv(new ProxyEnv("http://proxy.local:3128", "https://proxy.local:3129", "ftp://proxy.local:21",
            "localhost,127.0.0.1", "socks5://proxy.local:1080"))
        .ignoreCache()
        .customName("golden: write out.txt")
        .description(Map.of("com.example.step", "one"))
        .progressGroup("pg-golden", "Golden group", false)).root();
    return s1.addEnv("FOO", "baz").user("1000:1000").run(r -> r
        .args("/bin/sh", "-c", "cat out.txt; id")
        .network(Network.HOST)
        .security(Security.INSECURE)
        .exportCache(true)
        .require("labels.golden==true")
        .customName("golden: insecure host-network step")
        .progressGroup("pg-golden", "Golden group", true)).root();
  }

  static State g08GitHttps() {
    return State.git("https://github.com/moby/buildkit.git", "v0.11.6", o -> o
        .keepGitDir().authHeaderSecret("MY_GIT_AUTH_HEADER").authTokenSecret("MY_GIT_AUTH_TOKEN"));
  }

  static State g09HttpSource() {
    return State.http("https://example.com/downloads/tool-1.2.3.tar.gz", o -> o
        .checksum(Digest.parse("sha256:a4d5f3c6fc7e5e0c8b1f2b3f1a2e0c9d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e"))
        .filename("tool.tar.gz").chmod(0640).chown(1000, 1001));
  }

  static State g10Merge() {
    State a = State.scratch().file(FileAction.mkfile("/a.txt", 0644, utf8("A\n")));
    State b = State.image("busybox");
    State c = State.scratch().file(FileAction.mkdir("/c", 0755));
    return State.merge(List.of(a, State.scratch(), b, c));
  }

  static State g11Diff() {
    State lower = State.image("busybox");
    State upper = lower.run(r -> r.shlex("touch /new-file")).root();
    return State.diff(lower, upper);
  }

  static State g12Diamond() {
    State base = State.image("busybox").dir("/src");
    State left = base.run(r -> r.shlex("sh -c \"echo left > left.txt\"")).root();
    State right = base.run(r -> r.shlex("sh -c \"echo right > right.txt\"")).root();
    return State.scratch().file(FileAction.copy(left, "left.txt", "/left.txt").thenCopy(right, "right.txt", "/right.txt"));
  }

  static State g13Inner() {
    return State.image("busybox").run(r -> r.shlex("echo nested")).root();
  }

  static State g13BuildOp() {
    byte[] inner = DeterministicProto.bytes(g13Inner().marshal(options()));
    return State.scratch().file(FileAction.mkfile("/inner.llb", 0644, inner)).buildLlb(o -> o.filename("inner.llb"));
  }

  static State g14OciLayout() {
    return State.ociLayout(
        "localhost/golden-store@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        o -> o.store("golden-session", "golden-store").layerLimit(2));
  }

  static State g15ImageAttrs() {
    return State.image("busybox@sha256:2c4c8b2b5f8f0a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80912a3b", o -> o
        .platform(Platform.of("linux", "arm", "v7")).resolveMode(ImageOptions.ResolveMode.PREFER_LOCAL)
        .internal().layerLimit(2));
  }

  static State g16LocalSession() {
    return State.local("context", o -> o.sessionId("golden-session-id").followPaths(List.of("Dockerfile")).differ("metadata", false));
  }

  static State g17GitSsh() {
    return State.git("git@github.com:moby/buildkit.git", "main", o -> o
        .knownSshHosts("github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")
        .mountSshSock("golden-ssh"));
  }

  static State g18SourceMap() {
    SourceMap sm = SourceMap.of("golden.txt", "line one\nline two\n");
    return State.image("busybox", o -> o.location(sm.location(List.of(SourceLocation.Range.of(1, 0, 1, 8)))))
        .run(r -> r.shlex("echo hi").location(sm.location(List.of(SourceLocation.Range.of(2, 0, 2, 8))))).root();
  }

  static State g19and20Env() {
    return State.image("busybox").run(r -> r.shlex("env")).root();
  }

  static State g21ReadonlyRootfs() {
    ExecState es = State.image("busybox").run(r -> r.shlex("sh -c \"cp /etc/hostname /out/\"").readonlyRootfs());
    return es.addMount("/out", State.scratch());
  }

  /** A set standing for "every cap the engine has"; only its membership tests matter here. */
  static Set<String> allCaps() {
    return Set.of(LlbCaps.EXEC_META_SETS_DEFAULT_PATH, LlbCaps.EXEC_META_BASE, LlbCaps.MERGE_OP, LlbCaps.DIFF_OP);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
