package io.dirsync.emulator.google;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * An in-process fake of the Google Admin SDK Directory API ({@code /admin/directory/v1/}: users,
 * groups, members; read-only) and of Google's OAuth token endpoint ({@code POST /token}, the JWT-bearer
 * grant of a service account with domain-wide delegation), on 127.0.0.1: plain HTTP by default, or
 * HTTPS with a certificate signed by a throwaway CA ({@link GoogleEmulatorBuilder#https()}, {@link #caCertificatePem()}).
 *
 * <p>It hands out a service-account key file ({@link #writeServiceAccountKey}) whose {@code token_uri}
 * points at itself; the token endpoint verifies the assertion's RS256 signature against that key and
 * its {@code iss}, {@code aud} (Google's constant), {@code sub} (a user of the domain), {@code scope}
 * (within the delegated scopes) and lifetime. API requests need a token of an admin subject with a
 * scope the method accepts. Responses follow the shapes of the Directory API (see
 * {@code shared/api/SPEC.md} §B): alphabetical keyset paging with opaque tokens, list keys left out
 * of empty pages, 21-digit string ids, the documented error bodies.
 *
 * <p>Mutations ({@link #addUser}, {@link #renameUser}, …) take effect for the next request. Faults
 * are switched through {@link #faults()}; every request is kept in {@link #journal()}. Thread-safe.
 */
public final class GoogleEmulator implements AutoCloseable {

  static {
    io.dirsync.emulator.common.NoDelay.enable();
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final GoogleDirectory dir;
  private final TokenService tokens;
  private final ServiceAccountKey key;
  private final GoogleFaults faults = new GoogleFaults();
  private final RequestJournal journal = new RequestJournal();
  private final String domain;
  private final String secondaryDomain;
  private final String adminEmail;
  private final HeldCertificate ca;

  private GoogleEmulator(GoogleEmulatorBuilder b) throws IOException {
    this.domain = b.domain;
    this.secondaryDomain = b.secondaryDomain;
    this.adminEmail = b.adminEmail != null ? b.adminEmail : "admin@" + b.domain;
    Random ids = new Random(b.seed);
    String customerId = "C0" + Long.toString(Math.abs(ids.nextLong()), 36).substring(0, 7);
    this.dir = new GoogleDirectory(customerId, b.clock, b.seed);
    SecureRandom random = new SecureRandom();
    this.key = new ServiceAccountKey("dirsync-emulator", random);
    this.tokens = new TokenService(key, b.clock, random, b.delegatedScopes);
    tokens.lifetime(b.tokenLifetime);
    if (b.seeded) {
      DomainSeeder.seed(dir, domain, secondaryDomain, adminEmail, b.users, b.groups, b.seed);
    } else {
      dir.addUser(GoogleUser.builder(adminEmail).name("Workspace", "Admin").admin(true).build());
    }
    List<String> domains = secondaryDomain == null ? List.of(domain) : List.of(domain, secondaryDomain);
    DirectoryApi api = new DirectoryApi(dir, new Listing(new PageTokens(random), faults, b.clock), domains, faults);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port);
    if (b.https) {
      long now = System.currentTimeMillis();
      this.ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("dirsync Google emulator CA")
          .validityInterval(now - 3_600_000L, now + 30L * 86_400_000L).build();
      HeldCertificate cert = new HeldCertificate.Builder().signedBy(ca).commonName("127.0.0.1")
          .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost")
          .validityInterval(now - 3_600_000L, now + 30L * 86_400_000L).build();
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(new HandshakeCertificates.Builder()
          .heldCertificate(cert, ca.certificate()).build().sslContext()));
      this.server = https;
    } else {
      this.ca = null;
      this.server = HttpServer.create(address, 64);
    }
    this.executor = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "google-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", new GoogleHttpHandler(dir, api, tokens, faults, journal, b.clock));
    server.start();
  }

  public static GoogleEmulatorBuilder builder() {
    return new GoogleEmulatorBuilder();
  }

  static GoogleEmulator start(GoogleEmulatorBuilder b) throws IOException {
    return new GoogleEmulator(b);
  }

  /** The API root to give the client ({@code Directory.Builder#setRootUrl}), ending in a slash. */
  public String rootUrl() {
    return (ca == null ? "http" : "https") + "://127.0.0.1:" + port() + "/";
  }

  /** The CA that signed the HTTPS certificate (PEM); only with {@link GoogleEmulatorBuilder#https()}. */
  public String caCertificatePem() {
    if (ca == null) {
      throw new IllegalStateException("the emulator serves plain http; build it with https()");
    }
    return ca.certificatePem();
  }

  /** Writes {@link #caCertificatePem()} to {@code file} (for {@code tls.caFile}) and returns it. */
  public Path writeCaCertificate(Path file) {
    try {
      Files.writeString(file, caCertificatePem(), StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The token endpoint, as written into the key file's {@code token_uri}. */
  public String tokenUrl() {
    return rootUrl() + "token";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Writes the service account's JSON key file (with its private key) to {@code file} and returns it. */
  public Path writeServiceAccountKey(Path file) {
    key.write(file, tokenUrl());
    return file;
  }

  public String serviceAccountEmail() {
    return key.clientEmail();
  }

  /** The OAuth client id of the service account: what an admin authorises for domain-wide delegation. */
  public String serviceAccountClientId() {
    return key.clientId();
  }

  /** The super admin to impersonate ({@code sub}). */
  public String adminEmail() {
    return adminEmail;
  }

  public String customerId() {
    return dir.customerId();
  }

  /** The primary domain. */
  public String domain() {
    return domain;
  }

  /** A second domain of the same customer, or null: {@code domain=} listings miss its users. */
  public String secondaryDomain() {
    return secondaryDomain;
  }

  public GoogleFaults faults() {
    return faults;
  }

  public RequestJournal journal() {
    return journal;
  }

  // ---- delegation and tokens

  /** The scopes domain-wide delegation allows this client; asking for any other gets 401 unauthorized_client. */
  public void delegatedScopes(Set<String> scopes) {
    tokens.delegatedScopes(scopes);
  }

  /** Forgets every issued access token: the next API request gets 401 authError (and the client refreshes). */
  public void revokeTokens() {
    tokens.revokeAll();
  }

  // ---- users

  public GoogleUser addUser(GoogleUser user) {
    return dir.addUser(user);
  }

  /** Changes a user (by id, primary email or alias); the id cannot change. */
  public GoogleUser updateUser(String userKey, UnaryOperator<GoogleUser.Builder> change) {
    return dir.updateUser(userKey, change);
  }

  /** Changes the primary email; the old one becomes an alias. */
  public GoogleUser renameUser(String userKey, String newPrimaryEmail) {
    return dir.renameUser(userKey, newPrimaryEmail);
  }

  public GoogleUser suspendUser(String userKey) {
    return dir.updateUser(userKey, b -> b.suspended(true));
  }

  public GoogleUser unsuspendUser(String userKey) {
    return dir.updateUser(userKey, b -> b.suspended(false));
  }

  public GoogleUser archiveUser(String userKey) {
    return dir.updateUser(userKey, b -> b.archived(true));
  }

  public GoogleUser unarchiveUser(String userKey) {
    return dir.updateUser(userKey, b -> b.archived(false));
  }

  /** Deletes a user: gone from listings and groups; listed with {@code showDeleted=true} for 20 days. */
  public GoogleUser deleteUser(String userKey) {
    return dir.deleteUser(userKey);
  }

  /** Restores a deleted user by id (Google's undelete needs the id, not the email). */
  public GoogleUser undeleteUser(String id) {
    return dir.undeleteUser(id);
  }

  public Optional<GoogleUser> user(String userKey) {
    return dir.findUser(userKey);
  }

  public int userCount() {
    return dir.userCount();
  }

  /** Every user (not deleted ones), in the listing's order: by email, case-insensitive. */
  public List<GoogleUser> users() {
    return dir.usersAfter(null, u -> true, Integer.MAX_VALUE - 1);
  }

  // ---- groups and members

  public GoogleGroup createGroup(String email, String name, String description) {
    return dir.createGroup(GoogleGroup.of(email, name, description));
  }

  public GoogleGroup updateGroup(String groupKey, UnaryOperator<GoogleGroup> change) {
    return dir.updateGroup(groupKey, change);
  }

  /** Deletes a group and removes it from every group it was a member of. */
  public void deleteGroup(String groupKey) {
    dir.deleteGroup(groupKey);
  }

  public Optional<GoogleGroup> group(String groupKey) {
    return dir.findGroup(groupKey);
  }

  public int groupCount() {
    return dir.groupCount();
  }

  /** The groups a user or group (by id or email) is a direct member of. */
  public List<GoogleGroup> groupsOf(String memberKey) {
    String id = dir.findUser(memberKey).map(GoogleUser::id)
        .or(() -> dir.findGroup(memberKey).map(GoogleGroup::id)).orElse(memberKey);
    return dir.groupsOf(id).stream().map(g -> dir.findGroup(g).orElseThrow())
        .sorted(java.util.Comparator.comparing(GoogleGroup::email)).toList();
  }

  /** Adds a user or a group of the domain (by id or email) as a {@code MEMBER}. */
  public void addMember(String groupKey, String memberKey) {
    addMember(groupKey, memberKey, "MEMBER");
  }

  /** Adds a user or a group of the domain (by id or email) with a role: OWNER, MANAGER or MEMBER. */
  public void addMember(String groupKey, String memberKey, String role) {
    Optional<GoogleUser> u = dir.findUser(memberKey);
    GoogleDirectory.Entry entry = u.isPresent()
        ? GoogleDirectory.Entry.of(u.get().id(), MemberType.USER, role)
        : GoogleDirectory.Entry.of(dir.requireGroup(memberKey).id(), MemberType.GROUP, role);
    dir.addMember(groupKey, entry);
  }

  /**
   * Adds an account outside the domain: type USER, an id that is no user of the domain, no status;
   * {@code email} may be null (then the member has no email either).
   */
  public String addExternalMember(String groupKey, String email) {
    String id = dir.newExternalId();
    dir.addMember(groupKey, GoogleDirectory.Entry.external(id, email));
    return id;
  }

  /** Adds "all users in the domain": type CUSTOMER, no email, the customer id as id. */
  public void addCustomerMember(String groupKey) {
    dir.addMember(groupKey, GoogleDirectory.Entry.of(dir.customerId(), MemberType.CUSTOMER, "MEMBER"));
  }

  /** Removes a direct member (user, group, external, customer) by id or email. */
  public boolean removeMember(String groupKey, String memberKey) {
    String id = dir.findUser(memberKey).map(GoogleUser::id)
        .or(() -> dir.findGroup(memberKey).map(GoogleGroup::id)).orElse(memberKey);
    return dir.removeMember(groupKey, id);
  }

  @Override
  public void close() {
    faults.clear();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
