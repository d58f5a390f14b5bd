package dev.kiln.daemon.export;

import dev.kiln.engine.cache.remote.CacheExportOptions;
import dev.kiln.engine.cache.remote.CacheImportOptions;
import dev.kiln.engine.cache.remote.CacheType;
import dev.kiln.proto.control.CacheOptionsEntry;
import dev.kiln.proto.control.SolveRequest;
import java.util.List;

/**
 * A request's {@code Cache} options ({@code --export-cache}, {@code --import-cache}), parsed once.
 * {@code local} paths are the daemon's: kilnd reads and writes them directly rather than through
 * the session's content store, so they must be on the daemon's machine.
 *
 * @param exports every export but {@code inline}, written after the result is exported
 * @param inline whether the image exporter embeds the cache in the image config
 */
public record CacheSpecs(List<CacheImportOptions> imports, List<CacheExportOptions> exports, boolean inline) {
  public static CacheSpecs of(SolveRequest request) {
    List<CacheImportOptions> imports = request.getCache().getImportsList().stream()
        .map(e -> CacheImportOptions.parse(e.getType(), e.getAttrsMap())).toList();
    List<CacheExportOptions> all = request.getCache().getExportsList().stream()
        .map(CacheSpecs::export).toList();
    return new CacheSpecs(imports, all.stream().filter(o -> o.type() != CacheType.INLINE).toList(),
        all.stream().anyMatch(o -> o.type() == CacheType.INLINE));
  }

  private static CacheExportOptions export(CacheOptionsEntry e) {
    return CacheExportOptions.parse(e.getType(), e.getAttrsMap());
  }
}
