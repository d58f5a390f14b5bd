package dev.kiln.llb;

/** How concurrent builds share a cache mount. */
public enum CacheSharing {
  SHARED(dev.kiln.proto.pb.CacheSharingOpt.SHARED),
  PRIVATE(dev.kiln.proto.pb.CacheSharingOpt.PRIVATE),
  LOCKED(dev.kiln.proto.pb.CacheSharingOpt.LOCKED);

  final dev.kiln.proto.pb.CacheSharingOpt wire;

  CacheSharing(dev.kiln.proto.pb.CacheSharingOpt wire) {
    this.wire = wire;
  }
}
