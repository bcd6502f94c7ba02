package io.dirsync.emulator.google;

import io.dirsync.emulator.common.Gate;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** Configures and starts a {@link GoogleEmulator}; every setting has a default. */
public final class GoogleEmulatorBuilder {
  private static final String SCOPE = "https://www.googleapis.com/auth/";
  String domain = "acme.example";
  String secondaryDomain = "labs.acme.example";
  String adminEmail;
  boolean seeded = true;
  boolean https;
  int users = 50;
  int groups = 8;
  long seed = 42;
  int port;
  int threads = 32;
  Clock clock = Clock.systemUTC();
  Duration tokenLifetime = Duration.ofHours(1);
  Set<String> delegatedScopes = Set.of(SCOPE + "admin.directory.user.readonly",
      SCOPE + "admin.directory.group.readonly", SCOPE + "admin.directory.group.member.readonly");

  public GoogleEmulatorBuilder domain(String value) {
    this.domain = Objects.requireNonNull(value);
    return this;
  }

  /** A second domain of the customer (null for none); every 20th seeded user lives there. */
  public GoogleEmulatorBuilder secondaryDomain(String value) {
    this.secondaryDomain = value;
    return this;
  }

  /** The super admin; default {@code admin@<domain>}. */
  public GoogleEmulatorBuilder adminEmail(String value) {
    this.adminEmail = value;
    return this;
  }

  /** How many users to seed besides the admin. */
  public GoogleEmulatorBuilder users(int n) {
    this.users = n;
    return this;
  }

  public GoogleEmulatorBuilder groups(int n) {
    this.groups = n;
    return this;
  }

  /** Makes ids and the seeded domain reproducible. */
  public GoogleEmulatorBuilder seed(long value) {
    this.seed = value;
    return this;
  }

  /** Only the admin; the test adds what it needs. */
  public GoogleEmulatorBuilder empty() {
    this.seeded = false;
    return this;
  }

  /** Serves HTTPS (token endpoint included) with a certificate of a generated CA. */
  public GoogleEmulatorBuilder https() {
    this.https = true;
    return this;
  }

  /** 0 (default): any free port. */
  public GoogleEmulatorBuilder port(int value) {
    this.port = value;
    return this;
  }

  /** Server threads: also the most requests held by a {@link Gate} at once. */
  public GoogleEmulatorBuilder threads(int value) {
    this.threads = value;
    return this;
  }

  /** Token expiry, quota minutes, page token age, deletion times: all on this clock. */
  public GoogleEmulatorBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value);
    return this;
  }

  public GoogleEmulatorBuilder tokenLifetime(Duration value) {
    this.tokenLifetime = Objects.requireNonNull(value);
    return this;
  }

  /** The scopes domain-wide delegation allows (default: the three read-only directory scopes). */
  public GoogleEmulatorBuilder delegatedScopes(Set<String> scopes) {
    this.delegatedScopes = Set.copyOf(scopes);
    return this;
  }

  public GoogleEmulator start() throws IOException {
    return GoogleEmulator.start(this);
  }
}
