package dev.kiln.cli.client;

import dev.kiln.cli.build.OutputSpec;
import dev.kiln.proto.pb.Definition;
import dev.kiln.session.ssh.AgentSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code kiln build} asks of the daemon, flags already parsed.
 *
 * @param definition raw LLB to solve, or null when a frontend builds it
 * @param frontend frontend name ({@code dockerfile.v0}), or "" with a definition
 * @param output where the result goes, or null to leave it in the build cache
 * @param sshAgents agents (sockets or key files) forwarded to the build, by id
 * @param cacheExports caches to write after the build; {@code local} paths made absolute
 */
public record BuildPlan(Definition definition, String frontend, Map<String, String> frontendAttrs,
    Map<String, Path> locals, Map<String, byte[]> secrets, OutputSpec output, List<String> entitlements,
    Map<String, AgentSource> sshAgents, List<CacheEntry> cacheExports, List<CacheEntry> cacheImports) {
  /** One {@code --export-cache}/{@code --import-cache}: BuildKit's {@code CacheOptionsEntry}. */
  public record CacheEntry(String type, Map<String, String> attrs) {
    public CacheEntry {
      attrs = Map.copyOf(attrs);
    }
  }

  public BuildPlan(Definition definition, String frontend, Map<String, String> frontendAttrs, Map<String, Path> locals,
      Map<String, byte[]> secrets, OutputSpec output, List<String> entitlements) {
    this(definition, frontend, frontendAttrs, locals, secrets, output, entitlements, Map.of(), List.of(), List.of());
  }

  public BuildPlan {
    sshAgents = Map.copyOf(sshAgents);
    cacheExports = List.copyOf(cacheExports);
    cacheImports = List.copyOf(cacheImports);
    frontendAttrs = Map.copyOf(frontendAttrs);
    locals = Map.copyOf(locals);
    secrets = Map.copyOf(secrets);
    entitlements = List.copyOf(entitlements);
  }
}
