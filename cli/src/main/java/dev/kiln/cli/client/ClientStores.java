package dev.kiln.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.cli.build.OutputSpec;
import dev.kiln.session.content.ContentProvider;
import dev.kiln.registry.layout.LayoutIndex;
import dev.kiln.session.content.StoreIds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OCI layout directories a build reads or fills through the session, as buildctl serves them:
 * {@code export} for a {@code type=oci|docker,tar=false} output, {@code local:DIR} for each local cache.
 * The daemon moves blobs only; this side resolves a cache import's tag to its digest before the
 * build and names the results in each directory's {@code index.json} after it.
 */
final class ClientStores {
  /**
   * Made on first use: only layout outputs and local cache exports read JSON, and making a mapper
   * cost every build through kilnd about 50 ms of its client's CPU (5 %, paired builds).
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final Map<String, Path> stores = new LinkedHashMap<>();
  private final Path layoutOutput;
  /** Local cache exports: directory → tag. */
  private final Map<Path, String> cacheExports = new LinkedHashMap<>();
  private final List<BuildPlan.CacheEntry> imports = new ArrayList<>();

  ClientStores(BuildPlan plan, PrintStream warnings) throws IOException {
    OutputSpec out = plan.output();
    layoutOutput = out != null && out.isDirectory() && !out.type().equals("local") ? out.dest() : null;
    if (layoutOutput != null) stores.put(StoreIds.EXPORT, Files.createDirectories(layoutOutput));
    for (BuildPlan.CacheEntry e : plan.cacheExports()) {
      String dest = e.attrs().get("dest");
      if (!e.type().equals("local") || dest == null) continue;
      stores.put(StoreIds.localCache(dest), Files.createDirectories(Path.of(dest)));
      cacheExports.put(Path.of(dest), e.attrs().getOrDefault("tag", "latest"));
    }
    for (BuildPlan.CacheEntry e : plan.cacheImports()) {
      String src = e.attrs().get("src");
      if (!e.type().equals("local") || src == null) {
        imports.add(e);
        continue;
      }
      // As buildctl: the tag is resolved here; an import that cannot be found is skipped, not an error.
      Optional<String> digest = Optional.ofNullable(e.attrs().get("digest"))
          .or(() -> indexDigest(Path.of(src), e.attrs().getOrDefault("tag", "latest")));
      if (digest.isEmpty()) {
        warnings.println("WARNING: local cache import at " + src + " skipped: no index.json entry tagged "
            + e.attrs().getOrDefault("tag", "latest"));
        continue;
      }
      Map<String, String> attrs = new HashMap<>(e.attrs());
      attrs.put("digest", digest.get());
      imports.add(new BuildPlan.CacheEntry(e.type(), attrs));
      stores.put(StoreIds.localCache(src), Path.of(src));
    }
  }

  private static Optional<String> indexDigest(Path dir, String tag) {
    try {
      return LayoutIndex.digest(dir, tag);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether the output is a layout directory filled through the {@code export} store. */
  boolean fillsLayoutOutput() {
    return layoutOutput != null;
  }

  /** The service to expose, if any store is used. */
  Optional<ContentProvider> provider() {
    return stores.isEmpty() ? Optional.empty() : Optional.of(new ContentProvider(stores));
  }

  /** The cache imports to send: local ones carry the digest of their index. */
  List<BuildPlan.CacheEntry> imports() {
    return List.copyOf(imports);
  }

  /** After a successful build: names the exported image and caches in their directories' {@code index.json}. */
  void nameResults(Map<String, String> response) throws IOException {
    String image = response.get("containerimage.descriptor");
    if (layoutOutput != null && image != null) {
      JsonNode descriptor = Json.MAPPER.readTree(Base64.getDecoder().decode(image));
      String names = response.getOrDefault("image.name", "");
      List<LayoutIndex.Name> tags = names.isEmpty() ? List.of(new LayoutIndex.Name.Tag("latest"))
          : Arrays.stream(names.split(",")).map(n -> (LayoutIndex.Name) new LayoutIndex.Name.Image(n)).toList();
      LayoutIndex.put(layoutOutput, descriptor, tags);
    }
    String cache = response.get("cache.manifest");
    if (cache != null) {
      JsonNode descriptor = Json.MAPPER.readTree(cache);
      for (var e : cacheExports.entrySet()) {
        LayoutIndex.put(e.getKey(), descriptor, List.of(new LayoutIndex.Name.Tag(e.getValue())));
      }
    }
  }
}
