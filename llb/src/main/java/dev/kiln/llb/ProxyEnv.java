package dev.kiln.llb;

/** Proxy settings given to an exec without becoming part of its environment (or cache key). */
public record ProxyEnv(String httpProxy, String httpsProxy, String ftpProxy, String noProxy, String allProxy) {
  dev.kiln.proto.pb.ProxyEnv toProto() {
    return dev.kiln.proto.pb.ProxyEnv.newBuilder()
        .setHttpProxy(nz(httpProxy))
        .setHttpsProxy(nz(httpsProxy))
        .setFtpProxy(nz(ftpProxy))
        .setNoProxy(nz(noProxy))
        .setAllProxy(nz(allProxy))
        .build();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
