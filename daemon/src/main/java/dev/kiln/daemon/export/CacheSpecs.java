package dev.kiln.daemon.export;

import dev.kiln.engine.cache.remote.CacheExportOptions;
import dev.kiln.engine.cache.remote.CacheImportOptions;
import dev.kiln.engine.cache.remote.CacheType;
import dev.kiln.proto.control.CacheOptionsEntry;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.session.content.StoreIds;
import dev.kiln.session.tunnel.DaemonSession;
import java.util.List;

/**
 * A request's {@code Cache} options ({@code --export-cache}, {@code --import-cache}), parsed once.
 * A {@code local} cache goes through the client's content store {@code local:DIR} when the session
 * serves content stores (buildctl and kiln do), so the directory is the client's and kilnd never
 * opens it; a client without content stores gets the older behaviour, the path read on the daemon's side.
 *
 * @param exports every export but {@code inline}, written after the result is exported
 * @param inline whether the image exporter embeds the cache in the image config
 */
public record CacheSpecs(List<CacheImportOptions> imports, List<CacheExportOptions> exports, boolean inline) {
  public static CacheSpecs of(SolveRequest request) {
    return of(request, null);
  }

  /** @param session the build's session; its content stores serve {@code local} caches when it has any */
  public static CacheSpecs of(SolveRequest request, DaemonSession session) {
    boolean clientStores = SessionContentStore.served(session);
    List<CacheImportOptions> imports = request.getCache().getImportsList().stream()
        .map(e -> {
          CacheImportOptions o = CacheImportOptions.parse(e.getType(), e.getAttrsMap());
          return clientStores && o.type() == CacheType.LOCAL
              ? o.withClientStore(new SessionContentStore(session, StoreIds.localCache(e.getAttrsMap().get("src")))) : o;
        }).toList();
    List<CacheExportOptions> all = request.getCache().getExportsList().stream()
        .map(e -> {
          CacheExportOptions o = export(e);
          return clientStores && o.type() == CacheType.LOCAL
              ? o.withClientStore(new SessionContentStore(session, StoreIds.localCache(e.getAttrsMap().get("dest")))) : o;
        }).toList();
    return new CacheSpecs(imports, all.stream().filter(o -> o.type() != CacheType.INLINE).toList(),
        all.stream().anyMatch(o -> o.type() == CacheType.INLINE));
  }

  private static CacheExportOptions export(CacheOptionsEntry e) {
    return CacheExportOptions.parse(e.getType(), e.getAttrsMap());
  }
}
