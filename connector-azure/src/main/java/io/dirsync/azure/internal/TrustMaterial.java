package io.dirsync.azure.internal;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What TLS trusts: the JVM's trust store, plus the CA certificates of an optional PEM file
 * ({@code tls.caFile}). TLS is always verified; nothing here turns verification off.
 */
public final class TrustMaterial {

  private final X509TrustManager trustManager;
  private final SSLContext sslContext;

  private TrustMaterial(X509TrustManager trustManager) throws GeneralSecurityException {
    this.trustManager = trustManager;
    this.sslContext = SSLContext.getInstance("TLS");
    sslContext.init(null, new TrustManager[] {trustManager}, null);
  }

  public static TrustMaterial of(Optional<Path> caFile) {
    try {
      X509TrustManager jvm = trustManager(null);
      if (caFile.isEmpty()) {
        return new TrustMaterial(jvm);
      }
      KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
      extra.load(null, null);
      int i = 0;
      for (Certificate c : readCertificates(caFile.get())) {
        extra.setCertificateEntry("ca-" + i++, c);
      }
      return new TrustMaterial(new EitherTrustManager(jvm, trustManager(extra)));
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("tls.caFile", "cannot be read as PEM certificates: " + e.getMessage());
    }
  }

  private static List<Certificate> readCertificates(Path file) throws IOException, CertificateException {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new CertificateException("no certificate in " + file);
      }
      return certs;
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  /** Trusts a chain that either trust manager trusts. */
  private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkClientTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkClientTrusted(chain, authType);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = first.getAcceptedIssuers();
      X509Certificate[] b = second.getAcceptedIssuers();
      X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }
}
