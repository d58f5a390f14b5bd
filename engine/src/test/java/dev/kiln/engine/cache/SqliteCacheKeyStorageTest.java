package dev.kiln.engine.cache;

import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.solver.cache.CacheKeyStorage;
import dev.kiln.solver.cache.CacheKeyStorageContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteCacheKeyStorageTest extends CacheKeyStorageContract {
  private final List<Database> open = new ArrayList<>();
  @TempDir Path dir;

  @Override
  protected CacheKeyStorage newStorage() throws Exception {
    Database db = Database.open(dir.resolve("metadata.db"), KilnSchema.SCHEMA);
    open.add(db);
    return new SqliteCacheKeyStorage(db);
  }

  @AfterEach
  void close() throws Exception {
    for (Database db : open) db.close();
  }
}
