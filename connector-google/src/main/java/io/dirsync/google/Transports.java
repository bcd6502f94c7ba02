package io.dirsync.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import io.dirsync.core.http.TrustMaterial;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The HTTP transport of the Google client: the JDK's {@code HttpURLConnection} (NetHttpTransport;
 * the apache-v5 transport does not resolve, deps.md trap 4) trusting the JVM's trust store (which
 * honours {@code -Djavax.net.ssl.trustStore}, unlike {@code GoogleNetHttpTransport}) plus the
 * configured CA file, see {@link TrustMaterial}. The token endpoint uses the same transport.
 */
final class Transports {

  private Transports() {
  }

  /** @throws io.dirsync.core.spi.ConfigException ({@code tls.caFile}) when the CA file cannot be used */
  static HttpTransport create(Optional<Path> caFile) {
    return new NetHttpTransport.Builder()
        .setSslSocketFactory(TrustMaterial.of(caFile).sslContext().getSocketFactory())
        .build();
  }
}
