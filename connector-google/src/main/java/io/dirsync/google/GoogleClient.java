package io.dirsync.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.ConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * The official Directory client and its credentials: the service account's key (token_uri as the
 * file says) scoped to the read-only directory scopes and delegated to the configured admin, over
 * {@link Transports}. google-auth-library's own token retries are switched off (one retry layer
 * only); a 401 still triggers one token refresh, which is authentication, not retrying. API
 * requests time out after {@code retry.attemptTimeout} (connect, and between bytes); token calls
 * keep google-auth-library's own timeouts.
 */
final class GoogleClient {

  private static final String SCOPE = "https://www.googleapis.com/auth/";
  static final List<String> SCOPES = List.of(SCOPE + "admin.directory.user.readonly",
      SCOPE + "admin.directory.group.readonly", SCOPE + "admin.directory.group.member.readonly");

  final HttpTransport transport;
  final GoogleCredentials credentials;
  final String clientId;
  final Directory directory;

  private GoogleClient(HttpTransport transport, GoogleCredentials credentials, String clientId, Directory directory) {
    this.transport = transport;
    this.credentials = credentials;
    this.clientId = clientId;
    this.directory = directory;
  }

  static GoogleClient create(GoogleConfig config, ConnectorContext context) {
    HttpTransport transport = Transports.create(context.caFile());
    ServiceAccountCredentials key;
    try (InputStream in = Files.newInputStream(config.serviceAccountKeyFile())) {
      key = ServiceAccountCredentials.fromStream(in, () -> transport);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("serviceAccountKeyFile", "cannot be used as a service account key ("
          + e.getClass().getSimpleName() + "): download a JSON key of the service account from the Cloud console");
    }
    GoogleCredentials credentials = key.createWithCustomRetryStrategy(false).createScoped(SCOPES)
        .createDelegated(config.subject());
    HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
    // retry.attemptTimeout: a slower attempt fails TRANSIENT and the retry layer repeats it
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, context.resilience().retryConfig().attemptTimeout().toMillis());
    HttpRequestInitializer init = request -> {
      auth.initialize(request);
      request.setConnectTimeout(timeoutMs);
      request.setReadTimeout(timeoutMs);
      request.setNumberOfRetries(1);
    };
    Directory directory = new Directory.Builder(transport, GsonFactory.getDefaultInstance(), init)
        .setRootUrl(config.endpoints().directory())
        .setApplicationName("dirsync")
        .build();
    return new GoogleClient(transport, credentials, key.getClientId(), directory);
  }
}
