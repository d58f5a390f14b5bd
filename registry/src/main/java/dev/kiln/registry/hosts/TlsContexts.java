package dev.kiln.registry.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds the SSLContext for a host: extra CAs on top of the JDK's, a client key pair, or no checks. */
final class TlsContexts {
  private TlsContexts() {}

  /** {@code defaultTrust} checks chains when neither {@code skipVerify} nor extra CAs apply. */
  static SSLContext create(HostConfig config, boolean skipVerify, DefaultTrust defaultTrust) throws IOException {
    try {
      TrustManager[] trust =
          skipVerify ? new TrustManager[] {new TrustAll()} : trustManagers(config.ca(), defaultTrust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keyManagers(config.keypairs()), trust, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(List<Path> caFiles, DefaultTrust defaultTrust)
      throws IOException, GeneralSecurityException {
    if (caFiles.isEmpty()) {
      return new TrustManager[] {defaultTrust};
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Path file : caFiles) {
      for (Certificate cert : certificates(file)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
    }
    // Trust both the configured CAs and the system ones, like containerd's RootCAs append.
    return new TrustManager[] {new EitherTrustManager(x509(store), defaultTrust)};
  }

  /** The JDK's trust manager over {@code store}; null for the JDK's own trust store. */
  static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    return (X509TrustManager) f.getTrustManagers()[0];
  }

  private static KeyManager[] keyManagers(List<HostConfig.KeyPair> pairs)
      throws IOException, GeneralSecurityException {
    if (pairs.isEmpty()) {
      return null;
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] none = new char[0];
    int i = 0;
    for (HostConfig.KeyPair pair : pairs) {
      List<Certificate> chain = certificates(pair.cert());
      store.setKeyEntry("client-" + i++, privateKey(pair.key()), none, chain.toArray(Certificate[]::new));
    }
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, none);
    return f.getKeyManagers();
  }

  static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new IOException("no PEM certificate in " + file);
      }
      return certs;
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(file);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IOException(
          file + ": expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
              + " `openssl pkcs8 -topk8 -nocrypt -in " + file + "`");
    }
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException tryNext) {
        // not this algorithm
      }
    }
    throw new IOException(file + ": unsupported private key algorithm (RSA, EC, Ed25519 work)");
  }

  /** Accepts a chain if either manager does; keeps the engine-aware checks (hostname) of both. */
  private static final class EitherTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager first;
    private final X509ExtendedTrustManager second;

    EitherTrustManager(X509TrustManager first, X509TrustManager second) {
      this.first = (X509ExtendedTrustManager) first;
      this.second = (X509ExtendedTrustManager) second;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
        throws java.security.cert.CertificateException {
      try {
        first.checkServerTrusted(chain, auth, engine);
      } catch (java.security.cert.CertificateException e) {
        second.checkServerTrusted(chain, auth, engine);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket)
        throws java.security.cert.CertificateException {
      try {
        first.checkServerTrusted(chain, auth, socket);
      } catch (java.security.cert.CertificateException e) {
        second.checkServerTrusted(chain, auth, socket);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth)
        throws java.security.cert.CertificateException {
      try {
        first.checkServerTrusted(chain, auth);
      } catch (java.security.cert.CertificateException e) {
        second.checkServerTrusted(chain, auth);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {
      throw new UnsupportedOperationException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) {
      throw new UnsupportedOperationException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth) {
      throw new UnsupportedOperationException("client-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      all.addAll(List.of(second.getAcceptedIssuers()));
      return all.toArray(X509Certificate[]::new);
    }
  }

  /**
   * For {@code insecure} hosts and unconfigured loopback: no chain or hostname checks. Being an
   * X509ExtendedTrustManager stops the JDK from adding its own hostname check on top.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
