package dev.kiln.registry.hosts;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust manager (its trust store, hostname checks included), loaded when a TLS
 * handshake first needs it or when {@link #preload} starts it. Loading the trust store costs a cold
 * process 50–130 ms of CPU, which a build that reaches only plain-HTTP registries (a local one)
 * never needs; every check is the default manager's own, so verification is unchanged.
 */
final class DefaultTrust extends X509ExtendedTrustManager {
  private final CompletableFuture<X509ExtendedTrustManager> delegate = new CompletableFuture<>();
  private boolean started;

  /** Starts loading on a background thread, once: an HTTPS endpoint's handshake will need it. */
  void preload() {
    synchronized (this) {
      if (started) return;
      started = true;
    }
    Thread.ofPlatform().daemon().name("kiln-trust-store").start(this::load);
  }

  /** Whether the trust store was loaded (or failed to load). */
  boolean isLoaded() {
    return delegate.isDone();
  }

  private void load() {
    try {
      delegate.complete((X509ExtendedTrustManager) TlsContexts.x509(null));
    } catch (GeneralSecurityException | RuntimeException e) {
      delegate.completeExceptionally(e);
    }
  }

  private X509ExtendedTrustManager loaded() throws CertificateException {
    synchronized (this) {
      if (!started) {
        started = true;
        load();
      }
    }
    try {
      return delegate.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CertificateException("interrupted while loading the trust store", e);
    } catch (ExecutionException e) {
      throw new CertificateException("cannot load the default trust store: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine) throws CertificateException {
    loaded().checkServerTrusted(chain, auth, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket) throws CertificateException {
    loaded().checkServerTrusted(chain, auth, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String auth) throws CertificateException {
    loaded().checkServerTrusted(chain, auth);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) throws CertificateException {
    loaded().checkClientTrusted(chain, auth, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) throws CertificateException {
    loaded().checkClientTrusted(chain, auth, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String auth) throws CertificateException {
    loaded().checkClientTrusted(chain, auth);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    try {
      return loaded().getAcceptedIssuers();
    } catch (CertificateException e) {
      return new X509Certificate[0];
    }
  }
}
