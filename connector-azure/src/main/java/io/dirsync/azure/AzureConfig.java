package io.dirsync.azure;

import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code type: azure} keys of a directory. Validated on construction; every
 * {@link ConfigException} names the key and never shows a secret.
 *
 * @param tenantId the Entra tenant: a GUID or a verified domain ({@code contoso.onmicrosoft.com})
 * @param clientId the application (client) id, a GUID
 * @param clientSecret the client secret; exactly one of {@code clientSecret}, {@code clientSecretFile}
 *     and {@code certificateFile} is set
 * @param clientSecretFile a file holding the client secret (trailing newline ignored)
 * @param certificateFile a PEM file with the certificate and its private key, or a PKCS#12
 *     ({@code .pfx}/{@code .p12}) file
 * @param certificatePassword the PKCS#12 password, if any
 * @param cloud {@code global} (default), {@code usgov}, {@code usgov-dod} or {@code china}
 * @param endpoints overrides of the Graph root and the login authority (proxies, emulators); null
 *     for the cloud's own
 * @param userFilter a Graph {@code $filter} for users, e.g. {@code accountEnabled eq true}; sent with
 *     {@code ConsistencyLevel: eventual} so advanced operators work. A filtered directory is synced by
 *     full listings only (Graph's delta cannot apply an arbitrary filter)
 * @param groups group ids or display names whose (transitive) user members alone are synced, with
 *     those groups; null for the whole tenant. Synced by full listings only
 * @param attributes custom attributes: name in {@code object.attributes} → Graph property
 *     ({@code employeeType}, {@code onPremisesExtensionAttributes.extensionAttribute1},
 *     {@code extension_<appId>_<name>})
 * @param maxConcurrency how many groups' member listings of a full listing run at once, 1 to 32
 *     (default {@value #DEFAULT_MAX_CONCURRENCY}); all of them share the directory's {@code rateLimit}
 *     and {@code retry} budgets
 */
public record AzureConfig(String tenantId, String clientId, Secret clientSecret, Path clientSecretFile,
    Path certificateFile, Secret certificatePassword, String cloud, Endpoints endpoints, String userFilter,
    List<String> groups, Map<String, String> attributes, Integer maxConcurrency) {

  public static final int DEFAULT_MAX_CONCURRENCY = 4;
  public static final int MAX_CONCURRENCY_LIMIT = 32;

  private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
  private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern GRAPH_PROPERTY = Pattern.compile(
      "[A-Za-z][A-Za-z0-9_]*|onPremisesExtensionAttributes\\.extensionAttribute([1-9]|1[0-5])");

  /**
   * @param graph the Graph root including the version path, e.g. {@code https://graph.microsoft.com/v1.0}
   * @param login the token authority, e.g. {@code https://login.microsoftonline.com}; always HTTPS
   */
  public record Endpoints(String graph, String login) {
    public Endpoints {
      if (graph != null) {
        URI u = endpoint("endpoints.graph", graph);
        if (u.getPath() == null || u.getPath().isBlank() || u.getPath().equals("/")) {
          throw new ConfigException("endpoints.graph", "must include the version path, e.g. https://graph.microsoft.com/v1.0");
        }
        graph = graph.endsWith("/") ? graph.substring(0, graph.length() - 1) : graph;
      }
      if (login != null) {
        URI u = endpoint("endpoints.login", login);
        if (!u.getScheme().equals("https")) {
          throw new ConfigException("endpoints.login", "must be https:// (the Entra token endpoint is always HTTPS)");
        }
        login = login.endsWith("/") ? login.substring(0, login.length() - 1) : login;
      }
    }

    private static URI endpoint(String key, String value) {
      URI u;
      try {
        u = URI.create(value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, "is not a URL: " + value);
      }
      if (u.getScheme() == null || u.getHost() == null) {
        throw new ConfigException(key, "must be an absolute https:// URL, got " + value);
      }
      boolean loopback = u.getHost().equals("127.0.0.1") || u.getHost().equals("localhost")
          || u.getHost().equals("[::1]");
      if (!u.getScheme().equals("https") && !(u.getScheme().equals("http") && loopback)) {
        throw new ConfigException(key, "must be https:// (plain http:// is accepted on loopback only), got " + value);
      }
      if (u.getQuery() != null || u.getFragment() != null) {
        throw new ConfigException(key, "must not have a query or fragment");
      }
      return u;
    }
  }

  public AzureConfig {
    ConfigException.require("tenantId", tenantId);
    if (!GUID.matcher(tenantId).matches() && !DOMAIN.matcher(tenantId).matches()) {
      throw new ConfigException("tenantId", "must be a GUID or a domain name such as contoso.onmicrosoft.com, got '"
          + tenantId + "'");
    }
    ConfigException.require("clientId", clientId);
    if (!GUID.matcher(clientId).matches()) {
      throw new ConfigException("clientId", "must be the application (client) id, a GUID, got '" + clientId + "'");
    }
    long credentials = java.util.stream.Stream.of(clientSecret, clientSecretFile, certificateFile)
        .filter(java.util.Objects::nonNull).count();
    if (credentials != 1) {
      throw new ConfigException(credentials == 0 ? "clientSecret" : "",
          credentials == 0 ? "is required (or clientSecretFile, or certificateFile)"
              : "set exactly one of clientSecret, clientSecretFile and certificateFile");
    }
    if (clientSecret != null && clientSecret.isBlank()) {
      throw new ConfigException("clientSecret", "is empty");
    }
    if (certificatePassword != null && certificateFile == null) {
      throw new ConfigException("certificatePassword", "is only used with certificateFile");
    }
    if (cloud == null) {
      cloud = AzureCloud.GLOBAL.configName();
    } else if (AzureCloud.fromConfigName(cloud) == null) {
      throw new ConfigException("cloud", "must be one of " + Arrays.stream(AzureCloud.values())
          .map(AzureCloud::configName).collect(Collectors.joining(", ")) + ", got '" + cloud + "'");
    }
    if (userFilter != null && userFilter.isBlank()) {
      throw new ConfigException("userFilter", "is empty; leave it out to sync every user");
    }
    if (groups != null) {
      if (groups.isEmpty()) {
        throw new ConfigException("groups", "is empty; leave it out to sync the whole tenant");
      }
      for (int i = 0; i < groups.size(); i++) {
        if (groups.get(i) == null || groups.get(i).isBlank()) {
          throw new ConfigException("groups[" + i + "]", "is empty");
        }
      }
      groups = List.copyOf(groups);
    }
    if (attributes != null) {
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        if (!ATTRIBUTE_NAME.matcher(e.getKey()).matches()) {
          throw new ConfigException("attributes." + e.getKey(), "is not a valid attribute name ([A-Za-z][A-Za-z0-9_-]*)");
        }
        if (e.getValue() == null || !GRAPH_PROPERTY.matcher(e.getValue()).matches()) {
          throw new ConfigException("attributes." + e.getKey(), "must name a Graph user property such as employeeType, "
              + "onPremisesExtensionAttributes.extensionAttribute1 or extension_<appId>_<name>, got '" + e.getValue() + "'");
        }
      }
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    } else {
      attributes = Map.of();
    }
    maxConcurrency = maxConcurrency == null ? DEFAULT_MAX_CONCURRENCY : maxConcurrency;
    if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_LIMIT) {
      throw new ConfigException("maxConcurrency", "must be between 1 and " + MAX_CONCURRENCY_LIMIT
          + " (member listings in flight at once), got " + maxConcurrency);
    }
  }

  /** A config with the default {@code maxConcurrency}. */
  public AzureConfig(String tenantId, String clientId, Secret clientSecret, Path clientSecretFile,
      Path certificateFile, Secret certificatePassword, String cloud, Endpoints endpoints, String userFilter,
      List<String> groups, Map<String, String> attributes) {
    this(tenantId, clientId, clientSecret, clientSecretFile, certificateFile, certificatePassword, cloud, endpoints,
        userFilter, groups, attributes, null);
  }

  /** This config with another {@code maxConcurrency}. */
  public AzureConfig withMaxConcurrency(int value) {
    return new AzureConfig(tenantId, clientId, clientSecret, clientSecretFile, certificateFile, certificatePassword,
        cloud, endpoints, userFilter, groups, attributes, value);
  }

  /** The cloud as an enum. */
  public AzureCloud azureCloud() {
    return AzureCloud.fromConfigName(cloud);
  }

  /** The Graph root to call, including the version path. */
  public String graphEndpoint() {
    return endpoints != null && endpoints.graph() != null ? endpoints.graph() : azureCloud().graphRoot() + "/v1.0";
  }

  /** The token authority to use. */
  public String loginEndpoint() {
    return endpoints != null && endpoints.login() != null ? endpoints.login() : azureCloud().login();
  }

  @Override
  public String toString() {
    return "AzureConfig[tenantId=" + tenantId + ", clientId=" + clientId + ", credential="
        + (clientSecret != null ? "clientSecret" : clientSecretFile != null ? "clientSecretFile" : "certificateFile")
        + ", cloud=" + cloud + ", graph=" + graphEndpoint() + ", login=" + loginEndpoint()
        + ", maxConcurrency=" + maxConcurrency + "]";
  }
}
