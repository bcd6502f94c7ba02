package io.dirsync.azure.internal;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.http.middleware.RetryHandler;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.dirsync.azure.AzureConfig;
import io.dirsync.core.http.TrustMaterial;
import io.dirsync.core.spi.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Wires the Graph SDK for one directory: an azure-identity credential against the configured
 * authority (instance discovery off, so any authority host works, e.g. an emulator), an
 * authentication provider that sends the token to the configured Graph host (the SDK's default
 * would send none to a host outside its own list), OkHttp and the azure JDK HTTP client both
 * trusting the JVM trust store plus the configured CA file, and the SDK's RetryHandler replaced by
 * one that never retries: one retry layer, outside the connector, owns retries.
 */
public final class GraphClients {

  private GraphClients() {
  }

  /** Owns the OkHttp client so it can be shut down. */
  public record Session(GraphServiceClient graph, OkHttpClient okHttp, String graphBase,
      CachingTokenCredential credential) implements AutoCloseable {

    /** Drops the cached access token, after Graph refused it. */
    public void forgetToken() {
      credential.invalidate();
    }

    @Override
    public void close() {
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }

  public static Session open(AzureConfig config, TrustMaterial trust, Clock clock) {
    return open(config, trust, clock, Duration.ofSeconds(100));
  }

  /**
   * @param attemptTimeout the connect and read timeout of one request ({@code retry.attemptTimeout});
   *     a slower request fails and the retry layer may repeat it
   */
  public static Session open(AzureConfig config, TrustMaterial trust, Clock clock, Duration attemptTimeout) {
    CachingTokenCredential credential = new CachingTokenCredential(credential(config, trust, attemptTimeout), clock);
    String graphHost = URI.create(config.graphEndpoint()).getHost();
    AzureIdentityAuthenticationProvider auth = new AzureIdentityAuthenticationProvider(credential,
        new String[] {graphHost}, config.azureCloud().scope());

    GraphClientOption option = new GraphClientOption();
    List<Interceptor> interceptors = new ArrayList<>();
    for (Interceptor i : GraphClientFactory.createDefaultGraphInterceptors(option)) {
      interceptors.add(i instanceof RetryHandler ? noRetries() : i);
    }
    OkHttpClient okHttp = GraphClientFactory.create(option, interceptors)
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
        .connectTimeout(attemptTimeout)
        .readTimeout(attemptTimeout)
        .build();
    GraphServiceClient graph = new GraphServiceClient(auth, okHttp);
    graph.getRequestAdapter().setBaseUrl(config.graphEndpoint());
    return new Session(graph, okHttp, config.graphEndpoint(), credential);
  }

  static RetryHandler noRetries() {
    return new RetryHandler(new RetryHandlerOption((delay, attempt, request, response) -> false, 0, 0));
  }

  /**
   * azure-identity's pipeline would retry a failing token endpoint on its own (3 times, with real
   * sleeps); the token call is retried by the directory's retry layer around the request instead.
   */
  private static RetryPolicy noTokenRetries() {
    return new RetryPolicy(new FixedDelay(0, Duration.ZERO));
  }

  private static TokenCredential credential(AzureConfig config, TrustMaterial trust, Duration attemptTimeout) {
    HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(trust.sslContext()))
        .connectionTimeout(attemptTimeout)
        .responseTimeout(attemptTimeout)
        .readTimeout(attemptTimeout)
        .build();
    if (config.certificateFile() != null) {
      Path file = readable("certificateFile", config.certificateFile());
      ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder()
          .tenantId(config.tenantId()).clientId(config.clientId())
          .authorityHost(config.loginEndpoint()).disableInstanceDiscovery().httpClient(http)
          .retryPolicy(noTokenRetries());
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".pfx") || name.endsWith(".p12")) {
        b.pfxCertificate(file.toString());
        if (config.certificatePassword() != null) {
          b.clientCertificatePassword(config.certificatePassword().reveal());
        }
      } else {
        b.pemCertificate(file.toString());
      }
      return b.build();
    }
    String secret = config.clientSecret() != null ? config.clientSecret().reveal() : readSecret(config.clientSecretFile());
    return new ClientSecretCredentialBuilder()
        .tenantId(config.tenantId()).clientId(config.clientId()).clientSecret(secret)
        .authorityHost(config.loginEndpoint()).disableInstanceDiscovery().httpClient(http)
        .retryPolicy(noTokenRetries())
        .build();
  }

  private static String readSecret(Path file) {
    readable("clientSecretFile", file);
    try {
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new ConfigException("clientSecretFile", "is empty: " + file);
      }
      return secret;
    } catch (IOException e) {
      throw new ConfigException("clientSecretFile", "cannot be read: " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Path readable(String key, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigException(key, "is not a readable file: " + file);
    }
    return file;
  }
}
