package io.dirsync.emulator.graph;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * An in-process fake of Microsoft Graph v1.0 (users, groups, members, transitive members, users
 * and groups delta) and of the Entra ID token endpoint, served over HTTPS on 127.0.0.1 with a
 * certificate signed by a throwaway CA ({@link #caCertificatePem()}).
 *
 * <p>Point a client at {@link #graphUrl()} and {@link #loginUrl()} with {@link #tenantId()},
 * {@link #clientId()} and {@link #clientSecret()}; trust {@link #writeCaCertificate(Path)}. The
 * mutation methods change the tenant between (or during) syncs; {@link #faults()} scripts
 * throttling and failures; {@link #journal()} records every request. Time-based behaviour (token
 * expiry) runs on {@link #clock()}. Thread-safe.
 */
public final class GraphEmulator implements AutoCloseable {

  static {
    io.dirsync.emulator.common.NoDelay.enable();
  }

  private final EmulatorSettings settings;
  private final EmulatorClock clock;
  private final GraphDirectory directory;
  private final GraphFaults faults = new GraphFaults();
  private final RequestJournal journal = new RequestJournal();
  private final TokenEndpoint tokens;
  private final HeldCertificate ca;
  private final HttpsServer server;
  private final ExecutorService executor;
  private final String origin;
  private final String domain;

  GraphEmulator(GraphEmulatorBuilder b) throws IOException {
    this.settings = new EmulatorSettings(b.tenantId, b.clientId, b.clientSecret, b.scopeRoot, b.listPageCap,
        b.deltaPageSize, b.membersPerDeltaEntry, b.deltaTokenLifetime, b.accessTokenSeconds, b.shuffleDelta,
        b.replayDelta, b.emptyFirstDeltaPage, b.replicationDelay, b.seed);
    this.clock = b.clock != null ? b.clock : new EmulatorClock(b.start);
    this.domain = b.domain;
    AtomicLong counter = new AtomicLong();
    long seed = b.seed;
    this.directory = new GraphDirectory(() -> UUID.nameUUIDFromBytes(
        ("dirsync-graph-" + seed + "-" + counter.incrementAndGet()).getBytes(StandardCharsets.UTF_8)), clock);
    GraphErrors errors = new GraphErrors(clock);
    this.tokens = new TokenEndpoint(settings, errors, clock, new ClientAssertions(b.clientCertificateKey, Clock.systemUTC()));
    ListEndpoints lists = new ListEndpoints(directory, errors, faults, settings);
    DeltaEndpoints deltas = new DeltaEndpoints(directory, errors, faults, settings, clock);
    GraphRouter router = new GraphRouter(clock, errors, faults, journal, tokens, lists, deltas, directory,
        new ResourceUnitBucket(clock, "Tenant_Application/Read/" + b.clientId + "/" + b.tenantId));

    this.ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("dirsync emulator CA")
        .validityInterval(System.currentTimeMillis() - 3_600_000L, System.currentTimeMillis() + 30L * 86_400_000L)
        .build();
    HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(ca).commonName("127.0.0.1")
        .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost")
        .validityInterval(System.currentTimeMillis() - 3_600_000L, System.currentTimeMillis() + 30L * 86_400_000L)
        .build();
    HandshakeCertificates serverCerts = new HandshakeCertificates.Builder()
        .heldCertificate(serverCert, ca.certificate()).build();

    this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(serverCerts.sslContext()));
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "graph-emulator-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", router);
    this.origin = "https://127.0.0.1:" + server.getAddress().getPort();
    router.origin(origin);
    if (b.users > 0 || b.groups > 0) {
      OrgSeeder.seed(this, domain, b.users, b.groups, b.nestedGroups, b.disabledEvery, b.seed,
          b.clientId.replace("-", ""));
    }
    server.start();
  }

  /** Starts describing an emulator; {@link GraphEmulatorBuilder#start()} starts it. */
  public static GraphEmulatorBuilder builder() {
    return new GraphEmulatorBuilder();
  }

  // ---- where and who ----

  /** {@code https://127.0.0.1:PORT}. */
  public String origin() {
    return origin;
  }

  /** The Graph root including the version: {@code https://127.0.0.1:PORT/v1.0}. */
  public String graphUrl() {
    return origin + "/v1.0";
  }

  /** The authority host for the token endpoint: {@code https://127.0.0.1:PORT}. */
  public String loginUrl() {
    return origin;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String tenantId() {
    return settings.tenantId();
  }

  public String clientId() {
    return settings.clientId();
  }

  public String clientSecret() {
    return settings.clientSecret();
  }

  /** The scope the token endpoint accepts, e.g. {@code https://graph.microsoft.com/.default}. */
  public String scope() {
    return settings.scopeRoot() + "/.default";
  }

  /** The mail domain of seeded users. */
  public String domain() {
    return domain;
  }

  /** The name of a directory extension property of the app, {@code extension_<appId>_<name>}. */
  public String extensionProperty(String name) {
    return "extension_" + settings.clientId().replace("-", "") + "_" + name;
  }

  public String caCertificatePem() {
    return ca.certificatePem();
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** Writes the CA certificate (PEM) to {@code file} and returns it. */
  public Path writeCaCertificate(Path file) {
    try {
      Files.writeString(file, caCertificatePem(), StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public EmulatorClock clock() {
    return clock;
  }

  public GraphFaults faults() {
    return faults;
  }

  public RequestJournal journal() {
    return journal;
  }

  /** Every access token issued so far is refused from now on (401 InvalidAuthenticationToken). */
  public void revokeAccessTokens() {
    tokens.revokeAll();
  }

  // ---- users ----

  /**
   * Adds a user. {@code properties} are Graph property names ({@code givenName},
   * {@code accountEnabled}, {@code onPremisesExtensionAttributes}, {@code extension_…}); those not
   * given are never set. {@code accountEnabled} defaults to true.
   *
   * @return the new user's id
   */
  public String addUser(String userPrincipalName, Map<String, ?> properties) {
    Map<String, Object> p = new HashMap<>(properties);
    p.put("userPrincipalName", Objects.requireNonNull(userPrincipalName, "userPrincipalName"));
    p.putIfAbsent("accountEnabled", true);
    p.putIfAbsent("mailNickname", userPrincipalName.split("@")[0]);
    return directory.create(GraphObject.Kind.USER, p);
  }

  public String addUser(String userPrincipalName, String givenName, String surname) {
    return addUser(userPrincipalName, Map.of("givenName", givenName, "surname", surname,
        "displayName", givenName + " " + surname, "mail", userPrincipalName));
  }

  /** Sets user properties; a null value clears one (delta then sends an explicit null). */
  public void updateUser(String id, Map<String, ?> changes) {
    requireKind(id, GraphObject.Kind.USER);
    directory.update(id, changes);
  }

  /** Changes the user principal name and, when the mail was the old name, the mail too. */
  public void renameUser(String id, String newUserPrincipalName) {
    Map<String, Object> p = directory.snapshot(id);
    Map<String, Object> changes = new HashMap<>();
    changes.put("userPrincipalName", newUserPrincipalName);
    if (p.get("mail") != null && p.get("mail").toString().equalsIgnoreCase(String.valueOf(p.get("userPrincipalName")))) {
      changes.put("mail", newUserPrincipalName);
    }
    updateUser(id, changes);
  }

  /** Sets (or, with null, removes) a user's manager; delta shows it as {@code manager@delta}. */
  public void setManager(String id, String managerId) {
    requireKind(id, GraphObject.Kind.USER);
    Map<String, Object> changes = new HashMap<>();
    if (managerId == null) {
      Object previous = directory.snapshot(id).get(GraphSchema.MANAGER);
      if (previous == null) {
        return;
      }
      changes.put(GraphSchema.PREVIOUS_MANAGER, previous);
    } else {
      requireKind(managerId, GraphObject.Kind.USER);
    }
    changes.put(GraphSchema.MANAGER, managerId);
    directory.update(id, changes);
  }

  public void disableUser(String id) {
    updateUser(id, Map.of("accountEnabled", false));
  }

  public void enableUser(String id) {
    updateUser(id, Map.of("accountEnabled", true));
  }

  /** Deletes to the recycle bin: gone from lists, {@code @removed: changed} in delta, restorable. */
  public void softDeleteUser(String id) {
    requireKind(id, GraphObject.Kind.USER);
    directory.softDelete(id);
  }

  /** Deletes permanently (also from the recycle bin): {@code @removed: deleted}, memberships removed. */
  public void hardDeleteUser(String id) {
    requireKind(id, GraphObject.Kind.USER);
    directory.hardDelete(id);
  }

  /** Restores a soft-deleted user: back in lists, in delta as a full object without annotation. */
  public void restoreUser(String id) {
    requireKind(id, GraphObject.Kind.USER);
    directory.restore(id);
  }

  // ---- groups and members ----

  /** Creates a security group (or a Microsoft 365 group when {@code groupTypes} holds {@code Unified}). */
  public String createGroup(String displayName, Map<String, ?> properties) {
    Map<String, Object> p = new HashMap<>(properties);
    p.put("displayName", Objects.requireNonNull(displayName, "displayName"));
    p.putIfAbsent("securityEnabled", true);
    p.putIfAbsent("mailEnabled", false);
    p.putIfAbsent("groupTypes", List.of());
    return directory.create(GraphObject.Kind.GROUP, p);
  }

  public String createGroup(String displayName, String mail) {
    Map<String, Object> p = new HashMap<>();
    p.put("mail", mail);
    if (mail != null) {
      p.put("mailNickname", mail.split("@")[0]);
    }
    return createGroup(displayName, p);
  }

  public void updateGroup(String id, Map<String, ?> changes) {
    requireKind(id, GraphObject.Kind.GROUP);
    directory.update(id, changes);
  }

  /**
   * Deletes a group as Entra does: a Microsoft 365 group goes to the recycle bin
   * ({@code @removed: changed}), a security group is gone for good ({@code @removed: deleted}).
   */
  @SuppressWarnings("unchecked")
  public void deleteGroup(String id) {
    requireKind(id, GraphObject.Kind.GROUP);
    Object types = directory.snapshot(id).get("groupTypes");
    if (types instanceof List<?> l && ((List<Object>) l).contains("Unified")) {
      directory.softDelete(id);
    } else {
      directory.hardDelete(id);
    }
  }

  public void restoreGroup(String id) {
    requireKind(id, GraphObject.Kind.GROUP);
    directory.restore(id);
  }

  public void addMember(String groupId, String memberId) {
    directory.addMember(groupId, memberId);
  }

  public void removeMember(String groupId, String memberId) {
    directory.removeMember(groupId, memberId);
  }

  /**
   * Adds an object that is neither a user nor a group, to be made a member of groups.
   *
   * @param type {@code orgContact}, {@code device} or {@code servicePrincipal}
   */
  public String addDirectoryObject(String type, String displayName) {
    GraphObject.Kind kind = switch (type) {
      case "orgContact" -> GraphObject.Kind.ORG_CONTACT;
      case "device" -> GraphObject.Kind.DEVICE;
      case "servicePrincipal" -> GraphObject.Kind.SERVICE_PRINCIPAL;
      default -> throw new IllegalArgumentException("unknown directory object type " + type);
    };
    return directory.create(kind, Map.of("displayName", displayName));
  }

  // ---- lookups ----

  /** The id of the user with this user principal name (case-insensitive), live or soft-deleted. */
  public String userId(String userPrincipalName) {
    return directory.findLiveUserByUpn(userPrincipalName);
  }

  public String groupId(String displayName) {
    return directory.findGroupByName(displayName);
  }

  /** Ids of users that are not deleted, in creation order. */
  public List<String> userIds() {
    return directory.liveIds(GraphObject.Kind.USER);
  }

  public List<String> groupIds() {
    return directory.liveIds(GraphObject.Kind.GROUP);
  }

  /** The properties of an object as set (never-set ones absent); {@code manager} holds the manager's id. */
  public Map<String, Object> properties(String id) {
    Map<String, Object> p = directory.snapshot(id);
    p.remove(GraphSchema.PREVIOUS_MANAGER);
    return p;
  }

  private void requireKind(String id, GraphObject.Kind kind) {
    GraphObject o = directory.require(id);
    if (o.kind != kind) {
      throw new IllegalArgumentException(id + " is a " + o.kind.name().toLowerCase(Locale.ROOT) + ", not a "
          + kind.name().toLowerCase(Locale.ROOT));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
