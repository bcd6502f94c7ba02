package io.dirsync.google;

import io.dirsync.core.spi.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys of a {@code type: google} directory. Validated here; every error names its key.
 *
 * @param customer {@code my_customer} (default) or a customer id such as {@code C03az79cb}: every
 *     domain of the account; mutually exclusive with {@code domain}
 * @param domain list only the users of this one domain (misses the account's other domains)
 * @param serviceAccountKeyFile the service account's JSON key; its {@code token_uri} is honoured
 * @param subject the admin the service account impersonates through domain-wide delegation
 * @param endpoints API root override (proxies, local emulators); default {@code https://admin.googleapis.com/}
 * @param projection {@code full} (default: every custom schema), {@code custom} (only the schemas
 *     of {@code customFieldMask}) or {@code basic} (no custom schemas)
 * @param customFieldMask schema names for {@code projection: custom}
 * @param query a Directory API user search ({@code isSuspended=false}, {@code orgUnitPath='/Sales'} …)
 * @param orgUnits list only users in these org units (and the units below them)
 * @param groups list only these groups (email, alias or id); default: every group of the account
 * @param attributes attribute name → source: {@code orgUnitPath}, {@code isAdmin},
 *     {@code customSchemas.<schema>.<field>}, {@code externalIds.<type>}, {@code relations.<type>},
 *     {@code organizations.<field>} (of the primary organization), …; see {@link AttributeSource}
 * @param maxConcurrency how many groups' member listings run at once (default 8: the default quota of
 *     40 requests a second needs 4 in flight at 100 ms a request and 8 at 200 ms; with fewer, latency
 *     and not the quota budget bounds a large domain's listing, docs/benchmarks.md)
 * @param quotaPerMinute requests per minute this directory may make (default 2,400: Google's
 *     per-user quota); every attempt of every request draws on it. The core's
 *     {@code rateLimit.requestsPerSecond} applies too; the lower of the two sets the pace
 */
public record GoogleConfig(
    String customer,
    String domain,
    Path serviceAccountKeyFile,
    String subject,
    Endpoints endpoints,
    String projection,
    List<String> customFieldMask,
    String query,
    List<String> orgUnits,
    List<String> groups,
    Map<String, String> attributes,
    Integer maxConcurrency,
    Integer quotaPerMinute) {

  public static final String DEFAULT_CUSTOMER = "my_customer";
  public static final int DEFAULT_MAX_CONCURRENCY = 8;
  public static final int DEFAULT_QUOTA_PER_MINUTE = 2400;
  private static final Pattern CUSTOMER_ID = Pattern.compile("C[0-9a-zA-Z]{5,}");
  private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
  private static final Set<String> PROJECTIONS = Set.of("full", "custom", "basic");

  /**
   * API endpoints. Validated by {@link GoogleConfig}'s constructor (so that an error names
   * {@code endpoints.directory} relative to the directory, however the record was bound).
   *
   * @param directory the API root, {@code https://admin.googleapis.com/} by default; plain
   *     {@code http://} only on loopback
   */
  public record Endpoints(String directory) {
    public static final String DEFAULT_DIRECTORY = "https://admin.googleapis.com/";
  }

  private static String directoryEndpoint(String value) {
    String directory = value == null || value.isBlank() ? Endpoints.DEFAULT_DIRECTORY : value.trim();
    String key = "endpoints.directory";
    URI uri;
    try {
      uri = URI.create(directory);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "is not a URL");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new ConfigException(key, "must be an absolute URL such as " + Endpoints.DEFAULT_DIRECTORY);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http")) {
      if (!isLoopback(uri.getHost())) {
        throw new ConfigException(key, "plain http is accepted only on loopback (127.0.0.1, localhost, [::1]); "
            + "use https");
      }
    } else if (!scheme.equals("https")) {
      throw new ConfigException(key, "must be an https URL");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new ConfigException(key, "must not have a query or fragment");
    }
    return directory.endsWith("/") ? directory : directory + "/";
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.startsWith("127.");
  }

  public GoogleConfig {
    if (customer != null && domain != null) {
      throw new ConfigException("domain", "set either customer or domain, not both");
    }
    if (domain != null) {
      if (!DOMAIN.matcher(domain).matches()) {
        throw new ConfigException("domain", "must be a domain name such as example.com");
      }
    } else {
      customer = customer == null || customer.isBlank() ? DEFAULT_CUSTOMER : customer.trim();
      if (!customer.equals(DEFAULT_CUSTOMER) && !CUSTOMER_ID.matcher(customer).matches()) {
        throw new ConfigException("customer", "must be my_customer or a customer id such as C03az79cb");
      }
    }
    if (serviceAccountKeyFile == null || serviceAccountKeyFile.toString().isBlank()) {
      throw new ConfigException("serviceAccountKeyFile", "is required: the service account's JSON key file");
    }
    ConfigException.require("subject", subject);
    if (!subject.contains("@") || subject.startsWith("@") || subject.endsWith("@")) {
      throw new ConfigException("subject", "must be the email of the admin to impersonate");
    }
    endpoints = new Endpoints(directoryEndpoint(endpoints == null ? null : endpoints.directory()));
    projection = projection == null ? "full" : projection.trim().toLowerCase(Locale.ROOT);
    if (!PROJECTIONS.contains(projection)) {
      throw new ConfigException("projection", "must be full, custom or basic");
    }
    customFieldMask = customFieldMask == null ? List.of() : List.copyOf(customFieldMask);
    if (projection.equals("custom") && customFieldMask.isEmpty()) {
      throw new ConfigException("customFieldMask", "is required with projection: custom (the schemas to read)");
    }
    if (!projection.equals("custom") && !customFieldMask.isEmpty()) {
      throw new ConfigException("customFieldMask", "is used only with projection: custom");
    }
    for (int i = 0; i < customFieldMask.size(); i++) {
      if (customFieldMask.get(i) == null || customFieldMask.get(i).isBlank() || customFieldMask.get(i).contains(",")) {
        throw new ConfigException("customFieldMask[" + i + "]", "must be a schema name");
      }
    }
    if (query != null && query.isBlank()) {
      query = null;
    }
    orgUnits = orgUnits == null ? List.of() : List.copyOf(orgUnits);
    for (int i = 0; i < orgUnits.size(); i++) {
      String ou = orgUnits.get(i);
      if (ou == null || !ou.startsWith("/")) {
        throw new ConfigException("orgUnits[" + i + "]", "must be an org unit path starting with /");
      }
      if (ou.contains("'")) {
        throw new ConfigException("orgUnits[" + i + "]", "must not contain a quote");
      }
    }
    groups = groups == null ? List.of() : List.copyOf(groups);
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) == null || groups.get(i).isBlank()) {
        throw new ConfigException("groups[" + i + "]", "must be a group email, alias or id");
      }
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    if (attributes != null) {
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        String key = "attributes." + e.getKey();
        if (e.getKey() == null || !ATTRIBUTE_NAME.matcher(e.getKey()).matches()) {
          throw new ConfigException(key, "an attribute name is a letter followed by letters, digits, _ . -");
        }
        AttributeSource source = AttributeSource.parse(key, e.getValue());
        if (source.schema() != null && projection.equals("basic")) {
          throw new ConfigException(key, "custom schema fields need projection: full or custom");
        }
        if (source.schema() != null && projection.equals("custom") && !customFieldMask.contains(source.schema())) {
          throw new ConfigException(key, "schema " + source.schema() + " is not in customFieldMask");
        }
        attrs.put(e.getKey(), e.getValue().trim());
      }
    }
    attributes = java.util.Collections.unmodifiableMap(attrs);
    maxConcurrency = maxConcurrency == null ? DEFAULT_MAX_CONCURRENCY : maxConcurrency;
    if (maxConcurrency < 1 || maxConcurrency > 64) {
      throw new ConfigException("maxConcurrency", "must be between 1 and 64");
    }
    quotaPerMinute = quotaPerMinute == null ? DEFAULT_QUOTA_PER_MINUTE : quotaPerMinute;
    if (quotaPerMinute < 1 || quotaPerMinute > 1_000_000) {
      throw new ConfigException("quotaPerMinute", "must be between 1 and 1000000");
    }
  }

  /** A config with only the required keys; the rest default. */
  public static GoogleConfig of(Path serviceAccountKeyFile, String subject) {
    return new GoogleConfig(null, null, serviceAccountKeyFile, subject, null, null, null, null, null, null, null,
        null, null);
  }
}
