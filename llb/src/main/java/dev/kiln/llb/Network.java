package dev.kiln.llb;

/** Network mode of an exec. SANDBOX is the engine's default. */
public enum Network {
  SANDBOX(dev.kiln.proto.pb.NetMode.UNSET),
  HOST(dev.kiln.proto.pb.NetMode.HOST),
  NONE(dev.kiln.proto.pb.NetMode.NONE);

  final dev.kiln.proto.pb.NetMode wire;

  Network(dev.kiln.proto.pb.NetMode wire) {
    this.wire = wire;
  }
}
