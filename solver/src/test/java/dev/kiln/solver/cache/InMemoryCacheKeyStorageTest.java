package dev.kiln.solver.cache;

class InMemoryCacheKeyStorageTest extends CacheKeyStorageContract {
  @Override
  protected CacheKeyStorage newStorage() {
    return new InMemoryCacheKeyStorage();
  }
}
