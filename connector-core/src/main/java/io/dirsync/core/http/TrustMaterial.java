package io.dirsync.core.http;

import io.dirsync.core.spi.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What outgoing TLS trusts: the JVM's trust store (which honours {@code -Djavax.net.ssl.trustStore}),
 * plus the CA certificates of the optional {@code tls.caFile} (PEM, or DER, one or more
 * certificates). TLS is always verified; nothing here turns verification or host name checks off.
 *
 * <p>Each HTTP stack takes what it needs: OkHttp {@code sslSocketFactory(sslContext().getSocketFactory(),
 * trustManager())}, {@code java.net.http.HttpClient.Builder.sslContext(sslContext())}, the Google
 * {@code NetHttpTransport.Builder.setSslSocketFactory(sslContext().getSocketFactory())}.
 *
 * <p>With a CA file, the JVM's trusted certificates and the file's certificates are trust anchors
 * of one JDK trust manager (no hand-written chain checking). Immutable and thread-safe; build it
 * once per client, as it copies the JVM's trust store.
 */
public final class TrustMaterial {

  /** The configuration key named by the {@link ConfigException}s of {@link #of}. */
  public static final String CA_FILE_KEY = "tls.caFile";

  private final X509TrustManager trustManager;
  private final SSLContext sslContext;

  private TrustMaterial(X509TrustManager trustManager, SSLContext sslContext) {
    this.trustManager = trustManager;
    this.sslContext = sslContext;
  }

  /**
   * @param caFile the extra CA certificates to trust besides the JVM's trust store, if any
   * @throws ConfigException with key {@value #CA_FILE_KEY} when the file cannot be read or holds no
   *     X.509 certificate; the message names the file and never quotes its content
   * @throws IllegalStateException when the JVM's own trust store cannot be loaded
   */
  public static TrustMaterial of(Optional<Path> caFile) {
    Objects.requireNonNull(caFile, "caFile");
    X509TrustManager jvm = x509(null);
    X509TrustManager trust = caFile.isEmpty() ? jvm : x509(withCaFile(jvm, caFile.get()));
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return new TrustMaterial(trust, context);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up a TLS context: " + e.getMessage(), e);
    }
  }

  /** For OkHttp's {@code sslSocketFactory(factory, trustManager)}. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** Trusting what {@link #trustManager()} trusts; no client certificate. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** A key store holding the JVM's trusted certificates and those of {@code caFile}. */
  private static KeyStore withCaFile(X509TrustManager jvm, Path caFile) {
    Collection<? extends Certificate> extra = readCertificates(caFile);
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate c : jvm.getAcceptedIssuers()) {
        store.setCertificateEntry("jvm-" + i++, c);
      }
      i = 0;
      for (Certificate c : extra) {
        store.setCertificateEntry("ca-file-" + i++, c);
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store with " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> readCertificates(Path caFile) {
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(caFile)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      // The message of a file system exception is the path; say which problem by its type.
      throw new ConfigException(CA_FILE_KEY, "cannot read " + caFile + " (" + e.getClass().getSimpleName() + ")");
    } catch (CertificateException e) {
      // Not the parser's message: the file may be something else, e.g. a private key.
      throw new ConfigException(CA_FILE_KEY, caFile + " is not a file of PEM (or DER) X.509 certificates");
    }
    if (certs.isEmpty()) {
      throw new ConfigException(CA_FILE_KEY, caFile + " holds no certificate");
    }
    return certs;
  }

  /** The X509TrustManager of the default algorithm over {@code store}; null: the JVM's trust store. */
  private static X509TrustManager x509(KeyStore store) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("the " + tmf.getAlgorithm() + " trust manager factory made no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load " + (store == null ? "the JVM's trust store" : "the trust store")
          + ": " + e.getMessage(), e);
    }
  }
}
