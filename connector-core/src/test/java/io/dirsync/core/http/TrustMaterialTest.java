package io.dirsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.dirsync.core.spi.ConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM's trust store plus the CA file, on real certificates and a real HTTPS server. */
class TrustMaterialTest {

  private static final long HOUR = 3_600_000L;

  @TempDir
  Path dir;

  private final HeldCertificate ca = ca("dirsync test CA");
  private final HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(ca).commonName("127.0.0.1")
      .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").validityInterval(now() - HOUR, now() + HOUR)
      .build();
  private HttpsServer server;
  private URI url;

  @BeforeEach
  void startServer() throws Exception {
    serve(serverCert);
  }

  private void serve(HeldCertificate cert) throws Exception {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.setHttpsConfigurator(new HttpsConfigurator(new HandshakeCertificates.Builder()
        .heldCertificate(cert, ca.certificate()).build().sslContext()));
    server.createContext("/", exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void okHttpReachesAServerSignedByTheCaFile() throws Exception {
    TrustMaterial trust = TrustMaterial.of(Optional.of(pem("ca.pem", ca)));
    assertThat(okHttpGet(trust)).isEqualTo("ok");
  }

  @Test
  void theJdkHttpClientReachesAServerSignedByTheCaFile() throws Exception {
    TrustMaterial trust = TrustMaterial.of(Optional.of(pem("ca.pem", ca)));
    HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext()).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void withoutTheCaFileTheServerIsNotTrusted() {
    TrustMaterial trust = TrustMaterial.of(Optional.empty());
    assertThatThrownBy(() -> okHttpGet(trust)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aCaFileOfAnotherCaDoesNotTrustTheServer() throws Exception {
    TrustMaterial trust = TrustMaterial.of(Optional.of(pem("other.pem", ca("another CA"))));
    assertThatThrownBy(() -> okHttpGet(trust)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void theHostNameIsStillChecked() throws Exception {
    HeldCertificate elsewhere = new HeldCertificate.Builder().signedBy(ca).commonName("elsewhere.example")
        .addSubjectAlternativeName("elsewhere.example").validityInterval(now() - HOUR, now() + HOUR).build();
    server.stop(0);
    serve(elsewhere);
    TrustMaterial trust = TrustMaterial.of(Optional.of(pem("ca.pem", ca)));
    HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext()).build();
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void everyCertificateOfABundleIsTrusted() throws Exception {
    HeldCertificate other = ca("another CA");
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(bundle, other.certificatePem() + ca.certificatePem());
    X509TrustManager tm = TrustMaterial.of(Optional.of(bundle)).trustManager();
    tm.checkServerTrusted(new X509Certificate[] {serverCert.certificate(), ca.certificate()}, "ECDHE_ECDSA");
    assertThat(List.of(tm.getAcceptedIssuers())).contains(ca.certificate(), other.certificate());
  }

  @Test
  void theCaFileAddsToTheJvmTrustStoreAndDoesNotReplaceIt() throws Exception {
    List<X509Certificate> jvm = List.of(jvmTrustManager().getAcceptedIssuers());
    assertThat(jvm).isNotEmpty();

    List<X509Certificate> withCa = List.of(TrustMaterial.of(Optional.of(pem("ca.pem", ca))).trustManager().getAcceptedIssuers());
    assertThat(withCa).containsAll(jvm).contains(ca.certificate()).hasSize(jvm.size() + 1);
    assertThat(List.of(TrustMaterial.of(Optional.empty()).trustManager().getAcceptedIssuers()))
        .containsExactlyInAnyOrderElementsOf(jvm);
  }

  @Test
  void aServerCertificateWithoutItsCaIsRejected() throws Exception {
    X509TrustManager tm = TrustMaterial.of(Optional.empty()).trustManager();
    assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {serverCert.certificate()}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void aMissingCaFileIsAConfigurationErrorNamingIt() {
    Path missing = dir.resolve("no-such-ca.pem");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> TrustMaterial.of(Optional.of(missing)));
    assertThat(e.key()).isEqualTo("tls.caFile");
    assertThat(e.getMessage()).isEqualTo("cannot read " + missing + " (NoSuchFileException)");
  }

  @Test
  void anEmptyCaFileIsAConfigurationErrorNamingIt() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.pem"));
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> TrustMaterial.of(Optional.of(empty)));
    assertThat(e.key()).isEqualTo("tls.caFile");
    assertThat(e.getMessage()).isEqualTo(empty + " holds no certificate");
  }

  @Test
  void aPrivateKeyGivenAsCaFileIsRejectedWithoutQuotingIt() throws Exception {
    String key = ca.privateKeyPkcs8Pem();
    Path keyFile = dir.resolve("key.pem");
    Files.writeString(keyFile, key);
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> TrustMaterial.of(Optional.of(keyFile)));
    assertThat(e.key()).isEqualTo("tls.caFile");
    assertThat(e.getMessage()).isEqualTo(keyFile + " is not a file of PEM (or DER) X.509 certificates");
    assertThat(e.getCause()).isNull();
    String base64 = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    assertThat(e.getMessage()).doesNotContain(base64.substring(0, 16));
  }

  @Test
  void aFileOfTextIsRejectedNamingIt() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "password: hunter2\n");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> TrustMaterial.of(Optional.of(text)));
    assertThat(e.getMessage()).contains(text.toString()).doesNotContain("hunter2");
  }

  private String okHttpGet(TrustMaterial trust) throws Exception {
    OkHttpClient client = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
        .retryOnConnectionFailure(false).build();
    try (Response response = client.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
      return response.body().string();
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private Path pem(String name, HeldCertificate cert) throws Exception {
    return Files.writeString(dir.resolve(name), cert.certificatePem());
  }

  private static HeldCertificate ca(String name) {
    return new HeldCertificate.Builder().certificateAuthority(0).commonName(name)
        .validityInterval(now() - HOUR, now() + HOUR).build();
  }

  private static X509TrustManager jvmTrustManager() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
