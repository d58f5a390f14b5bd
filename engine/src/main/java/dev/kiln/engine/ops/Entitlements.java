package dev.kiln.engine.ops;

import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.NetMode;
import dev.kiln.proto.pb.SecurityMode;
import java.io.IOException;
import java.util.Set;

/** Privileges a build must have been granted explicitly, as with BuildKit's {@code --allow}. */
final class Entitlements {
  static final String NETWORK_HOST = "network.host";
  static final String SECURITY_INSECURE = "security.insecure";

  private Entitlements() {}

  static void check(ExecOp exec, Set<String> granted) throws IOException {
    if (exec.getNetwork() == NetMode.HOST && !granted.contains(NETWORK_HOST)) {
      throw new IOException("network.host is not allowed: pass --allow network.host to run with the host network");
    }
    if (exec.getSecurity() == SecurityMode.INSECURE && !granted.contains(SECURITY_INSECURE)) {
      throw new IOException("security.insecure is not allowed: pass --allow security.insecure to run privileged");
    }
  }
}
