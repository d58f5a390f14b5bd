package dev.kiln.engine.cache.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.exporter.push.ImagePusher;
import dev.kiln.engine.exporter.push.PushClients;
import dev.kiln.engine.image.BlobSources;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.registry.RegistryClient;
import dev.kiln.solver.cache.InMemoryCacheKeyStorage;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registry.insecure=true} on a {@code type=registry} cache export or import asks for the
 * client that may reach that registry over plain HTTP or unverified TLS, as image pushes do.
 * (Loopback registries are reached either way, so this checks which client is asked for.)
 */
class InsecureCacheRegistryTest {
  private static final String REF = "registry.example:5000/team/cache:1";

  @TempDir Path tmp;

  @Test
  void exportsAndImportsAskForTheInsecureClientOfTheCacheRegistryOnlyWhenSet() throws Exception {
    List<Set<String>> asked = new CopyOnWriteArrayList<>();
    PushClients clients = insecure -> {
      asked.add(insecure);
      return offline();
    };
    try (Database db = Database.open(tmp.resolve("metadata.db"), KilnSchema.SCHEMA)) {
      FileContentStore content = new FileContentStore(tmp.resolve("content"));
      BlobSources sources = new BlobSources(db);
      ImportingCacheStorage storage = new ImportingCacheStorage(new InMemoryCacheKeyStorage(), null, null, null);
      RemoteCaches caches = new RemoteCaches(storage, new CacheWalk(key -> Optional.empty(), null, storage),
          new ContentFetcher(content), clients, new ImagePusher(content, sources), sources);

      assertThatThrownBy(() -> caches.open(CacheImportOptions.parse("registry", Map.of("ref", REF, "registry.insecure", "true"))))
          .hasMessageContaining("offline");
      assertThatThrownBy(() -> caches.export(List.of("k"),
          CacheExportOptions.parse("registry", Map.of("ref", REF, "registry.insecure", "true"))))
          .hasMessageContaining("offline");
      assertThatThrownBy(() -> caches.open(CacheImportOptions.parse("registry", Map.of("ref", REF))))
          .hasMessageContaining("offline");
    }
    assertThat(asked).containsExactly(Set.of("registry.example:5000"), Set.of("registry.example:5000"), Set.of());
  }

  /** A registry client whose every call fails. */
  private static RegistryClient offline() {
    return (RegistryClient) Proxy.newProxyInstance(RegistryClient.class.getClassLoader(), new Class<?>[] {RegistryClient.class},
        (proxy, method, args) -> {
          throw new IllegalStateException("offline: " + method.getName());
        });
  }
}
