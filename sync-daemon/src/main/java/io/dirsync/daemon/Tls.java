package io.dirsync.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Trust for outgoing HTTPS: the JVM's trust store, plus the configured {@code tls.caFile} if any. */
public final class Tls {

  private final SSLContext context;
  private final X509TrustManager trust;

  private Tls(SSLContext context, X509TrustManager trust) {
    this.context = context;
    this.trust = trust;
  }

  public static Tls of(Optional<Path> caFile) {
    try {
      TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jvm.init((KeyStore) null);
      X509TrustManager jvmTrust = x509(jvm.getTrustManagers());
      X509TrustManager trust = jvmTrust;
      if (caFile.isPresent()) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : jvmTrust.getAcceptedIssuers()) {
          ks.setCertificateEntry("jvm-" + i++, c);
        }
        try (InputStream in = Files.newInputStream(caFile.get())) {
          for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            ks.setCertificateEntry("ca-" + i++, c);
          }
        }
        TrustManagerFactory both = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        both.init(ks);
        trust = x509(both.getTrustManagers());
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, null);
      return new Tls(ctx, trust);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust" + caFile.map(p -> " with " + p).orElse("") + ": " + e.getMessage(), e);
    }
  }

  private static X509TrustManager x509(TrustManager[] tms) {
    List<TrustManager> list = new ArrayList<>(List.of(tms));
    return (X509TrustManager) list.stream().filter(t -> t instanceof X509TrustManager).findFirst().orElseThrow();
  }

  public SSLContext context() {
    return context;
  }

  public X509TrustManager trustManager() {
    return trust;
  }
}
