package dev.kiln.cli.build;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags of {@code kiln build}: buildctl's, plus docker's short form. */
public final class BuildFlags {
  @Parameters(arity = "0..1", paramLabel = "DIR|URL", description = "Build context (docker style): a directory, a git URL (https://host/repo.git#ref:dir) or an archive URL; implies --frontend dockerfile.v0.")
  public String contextDir;

  @Option(names = "--frontend", description = "Frontend to run (dockerfile.v0). Without one, a pb.Definition is read from stdin.")
  public String frontend;

  @Option(names = "--local", paramLabel = "NAME=DIR", description = "Expose a local directory to the build (repeatable).")
  public List<String> locals = new ArrayList<>();

  @Option(names = "--opt", paramLabel = "K=V", description = "Frontend option (repeatable).")
  public List<String> opts = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "type=…", description = "Output: type=local,dest=DIR or type=tar,dest=FILE|-.")
  public List<String> outputs = new ArrayList<>();

  @Option(names = "--secret", paramLabel = "id=…,src=…|env=…", description = "Secret exposed to RUN --mount=type=secret (repeatable).")
  public List<String> secrets = new ArrayList<>();

  @Option(names = "--ssh", paramLabel = "default|ID[=SOCKET|KEY[,KEY...]]", description = "Forward an ssh agent, or serve private key files from an in-memory agent, to RUN --mount=type=ssh (repeatable; default: $SSH_AUTH_SOCK).")
  public List<String> ssh = new ArrayList<>();

  @Option(names = "--oci-layout", paramLabel = "NAME=DIR", description = "OCI image layout store for oci-layout://NAME@sha256:… sources (repeatable).")
  public List<String> ociLayouts = new ArrayList<>();

  @Option(names = "--export-cache", paramLabel = "type=…", description = "Export the build cache: type=registry,ref=REF | type=local,dest=DIR | type=inline; mode=min|max (repeatable).")
  public List<String> exportCaches = new ArrayList<>();

  @Option(names = "--import-cache", paramLabel = "type=…", description = "Use a cache: type=registry,ref=REF (a cache or an image with an inline cache) | type=local,src=DIR (repeatable).")
  public List<String> importCaches = new ArrayList<>();

  @Option(names = "--no-cache", description = "Run every step again, ignoring cached results.")
  public boolean noCache;

  @Option(names = "--progress", defaultValue = "auto", description = "auto, tty, plain, rawjson or quiet.")
  public String progress;

  @Option(names = "--allow", paramLabel = "ENTITLEMENT", description = "Grant network.host or security.insecure (repeatable).")
  public List<String> allow = new ArrayList<>();

  @Option(names = "--metadata-file", paramLabel = "FILE", description = "Write the build's result metadata as JSON.")
  public String metadataFile;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Dockerfile (default DIR/Dockerfile).")
  public String dockerfile;

  @Option(names = {"-t", "--tag"}, paramLabel = "NAME", description = "Image name (repeatable): without -o, stores the image under it (type=image); fills name= of an image output.")
  public List<String> tags = new ArrayList<>();

  @Option(names = "--build-arg", paramLabel = "K=V", description = "Build argument (repeatable).")
  public List<String> buildArgs = new ArrayList<>();

  @Option(names = "--target", paramLabel = "STAGE", description = "Stage to build.")
  public String target;

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Target platform(s), comma-separated.")
  public String platform;

  @Option(names = "--root", paramLabel = "DIR", description = "State directory for the in-process engine (default /var/lib/kiln as root). Also KILN_ROOT.")
  public String root;

  @Option(names = "--config", paramLabel = "FILE", description = "kilnd.toml for the in-process engine (default /etc/kiln/kilnd.toml as root, else $XDG_CONFIG_HOME/kiln/kilnd.toml).")
  public String config;
}
