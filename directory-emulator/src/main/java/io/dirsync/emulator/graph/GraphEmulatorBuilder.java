package io.dirsync.emulator.graph;

import io.dirsync.emulator.common.Gate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** How to build a {@link GraphEmulator}; every knob has a default that behaves like Graph. */
public final class GraphEmulatorBuilder {
  String tenantId = "8d3f1c2a-5b6e-4f70-9a81-2c3d4e5f6a7b";
  String clientId = "2f6c0d9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
  String clientSecret = "emulator-secret-" + UUID.randomUUID();
  String scopeRoot = "https://graph.microsoft.com";
  PublicKey clientCertificateKey;
  String domain = "contoso.example";
  int users = 50;
  int groups = 8;
  boolean nestedGroups = true;
  int disabledEvery = 10;
  long seed = 42;
  int port;
  int threads = 16;
  int listPageCap = 999;
  int deltaPageSize = 200;
  int membersPerDeltaEntry = 100;
  Duration deltaTokenLifetime = Duration.ofDays(7);
  int accessTokenSeconds = 3599;
  boolean shuffleDelta = true;
  boolean replayDelta;
  boolean emptyFirstDeltaPage;
  Duration replicationDelay = Duration.ZERO;
  Instant start = Instant.now();
  EmulatorClock clock;

  GraphEmulatorBuilder() {
  }

  /** Seeded users (default 50); 0 for an empty tenant. */
  public GraphEmulatorBuilder users(int n) {
    this.users = n;
    return this;
  }

  /** Seeded groups (default 8): "All Staff", department groups, teams. */
  public GraphEmulatorBuilder groups(int n) {
    this.groups = n;
    return this;
  }

  /** No seeded users or groups. */
  public GraphEmulatorBuilder empty() {
    return users(0).groups(0);
  }

  public GraphEmulatorBuilder nestedGroups(boolean on) {
    this.nestedGroups = on;
    return this;
  }

  /** Every n-th seeded user is disabled (default 10; 0 for none). */
  public GraphEmulatorBuilder disabledEvery(int n) {
    this.disabledEvery = n;
    return this;
  }

  public GraphEmulatorBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  public GraphEmulatorBuilder domain(String domain) {
    this.domain = domain;
    return this;
  }

  /** 0 (the default) picks a free port. */
  public GraphEmulatorBuilder port(int port) {
    this.port = port;
    return this;
  }

  /** Server threads (default 16): also the most requests a {@link Gate} can hold at once. */
  public GraphEmulatorBuilder threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = n;
    return this;
  }

  public GraphEmulatorBuilder tenantId(String v) {
    this.tenantId = v;
    return this;
  }

  public GraphEmulatorBuilder clientId(String v) {
    this.clientId = v;
    return this;
  }

  public GraphEmulatorBuilder clientSecret(String v) {
    this.clientSecret = v;
    return this;
  }

  /** Registers a certificate for the app, so a client assertion signed with its key is accepted. */
  public GraphEmulatorBuilder clientCertificate(X509Certificate certificate) {
    this.clientCertificateKey = certificate.getPublicKey();
    return this;
  }

  /** The Graph root whose {@code /.default} scope tokens are issued for (national clouds). */
  public GraphEmulatorBuilder graphScopeRoot(String root) {
    this.scopeRoot = root;
    return this;
  }

  /** The most items a list page holds whatever {@code $top} says (Graph may return fewer). */
  public GraphEmulatorBuilder listPageCap(int n) {
    this.listPageCap = n;
    return this;
  }

  /** Entries per delta page (server-chosen in Graph; default 200). */
  public GraphEmulatorBuilder deltaPageSize(int n) {
    this.deltaPageSize = n;
    return this;
  }

  /** Members per {@code members@delta} slice; a larger group is repeated with further slices. */
  public GraphEmulatorBuilder membersPerDeltaEntry(int n) {
    this.membersPerDeltaEntry = n;
    return this;
  }

  /** Delta token lifetime on the emulator clock (default 7 days); null for never. */
  public GraphEmulatorBuilder deltaTokenLifetime(Duration d) {
    this.deltaTokenLifetime = d;
    return this;
  }

  public GraphEmulatorBuilder accessTokenLifetime(Duration d) {
    this.accessTokenSeconds = (int) d.toSeconds();
    return this;
  }

  /** Whether delta entries come in shuffled order, as Graph promises no order (default on). */
  public GraphEmulatorBuilder shuffleDelta(boolean on) {
    this.shuffleDelta = on;
    return this;
  }

  /** Whether a round repeats its first entries at the end, as Graph's replays do. */
  public GraphEmulatorBuilder replayDelta(boolean on) {
    this.replayDelta = on;
    return this;
  }

  /** Whether every delta round starts with an empty page that has a next link (Graph allows it). */
  public GraphEmulatorBuilder emptyFirstDeltaPage(boolean on) {
    this.emptyFirstDeltaPage = on;
    return this;
  }

  /**
   * How long a change takes to reach lists and delta rounds, on the emulator clock (default none).
   * A delta round leaves out objects with a change younger than this; the next round has them.
   */
  public GraphEmulatorBuilder replicationDelay(Duration delay) {
    this.replicationDelay = delay;
    return this;
  }

  /** Where the emulator clock starts (default now). */
  public GraphEmulatorBuilder clockStart(Instant start) {
    this.start = start;
    return this;
  }

  /** Runs on this clock instead of one of its own (to share one clock among several fakes). */
  public GraphEmulatorBuilder clock(EmulatorClock clock) {
    this.clock = clock;
    return this;
  }

  public GraphEmulator start() {
    try {
      return new GraphEmulator(this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Graph emulator", e);
    }
  }
}
