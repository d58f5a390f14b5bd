package dev.kiln.llb;

/** Security mode of an exec; INSECURE needs the {@code security.insecure} entitlement. */
public enum Security {
  SANDBOX(dev.kiln.proto.pb.SecurityMode.SANDBOX),
  INSECURE(dev.kiln.proto.pb.SecurityMode.INSECURE);

  final dev.kiln.proto.pb.SecurityMode wire;

  Security(dev.kiln.proto.pb.SecurityMode wire) {
    this.wire = wire;
  }
}
