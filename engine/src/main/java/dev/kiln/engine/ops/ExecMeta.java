package dev.kiln.engine.ops;

import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.NetworkMode;
import dev.kiln.engine.executor.SecurityMode;
import dev.kiln.engine.executor.Ulimit;
import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.HostIP;
import dev.kiln.proto.pb.NetMode;

/** The process description of a wire exec op. */
final class ExecMeta {
  private ExecMeta() {}

  static Meta of(ExecOp exec) {
    var m = exec.getMeta();
    Meta.Builder b = Meta.builder(m.getArgsList())
        .env(m.getEnvList())
        .cwd(m.getCwd().isEmpty() ? "/" : m.getCwd())
        .user(m.getUser())
        .hostname(m.getHostname())
        // Like BuildKit's OCI worker without CNI, the sandbox network is the host's.
        .network(exec.getNetwork() == NetMode.NONE ? NetworkMode.NONE : NetworkMode.HOST)
        .security(exec.getSecurity() == dev.kiln.proto.pb.SecurityMode.INSECURE ? SecurityMode.INSECURE : SecurityMode.SANDBOX)
        .removeMountStubsRecursive(m.getRemoveMountStubsRecursive());
    for (HostIP h : m.getExtraHostsList()) b.extraHost(h.getHost(), h.getIP());
    for (var u : m.getUlimitList()) b.ulimit(new Ulimit(u.getName(), u.getSoft(), u.getHard()));
    if (m.hasProxyEnv()) {
      var p = m.getProxyEnv();
      addProxy(b, "HTTP_PROXY", p.getHttpProxy());
      addProxy(b, "HTTPS_PROXY", p.getHttpsProxy());
      addProxy(b, "FTP_PROXY", p.getFtpProxy());
      addProxy(b, "NO_PROXY", p.getNoProxy());
      addProxy(b, "ALL_PROXY", p.getAllProxy());
    }
    return b.build();
  }

  private static void addProxy(Meta.Builder b, String name, String value) {
    if (!value.isEmpty()) {
      b.env(name + "=" + value);
      b.env(name.toLowerCase() + "=" + value);
    }
  }
}
