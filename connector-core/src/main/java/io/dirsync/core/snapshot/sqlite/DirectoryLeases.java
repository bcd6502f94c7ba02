package io.dirsync.core.snapshot.sqlite;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * One lease row per directory in the state database, so that runs of a directory never overlap
 * across processes (the daemon and a manual {@code dirsync sync}) nor inside one. A run takes the
 * lease before it starts, renews it while it runs and releases it at its end; a lease whose holder
 * died (killed, host lost) expires after its time to live and can then be taken over.
 *
 * <p>Each statement is atomic in SQLite, so two processes racing for a lease cannot both win.
 * Times come from the injected clock; processes that share a database must share a wall clock.
 * Thread-safe.
 */
public final class DirectoryLeases {

  /** Who holds a lease and until when, unless renewed. */
  public record Holder(String owner, Instant expiresAt) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final Clock clock;

  public DirectoryLeases(StateDatabase db, Clock clock) {
    this.jdbi = db.jdbi();
    this.clock = clock;
  }

  /** A new owner name, {@code host/pid/random}: unique per run, readable in an operator's message. */
  public static String newOwner() {
    String host = localHost();
    byte[] r = new byte[4];
    RANDOM.nextBytes(r);
    return host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(r);
  }

  /**
   * Takes the lease of {@code directory} for {@code owner} if nobody holds it, its holder's lease has
   * expired, or {@code owner} holds it already (then it is renewed).
   *
   * @return true if {@code owner} holds the lease now
   */
  public boolean tryAcquire(String directory, String owner, Duration ttl) {
    if (take(directory, owner, ttl)) {
      return true;
    }
    // A holder on this host whose process is gone (killed with SIGKILL, crashed) cannot renew: take
    // over now instead of waiting out its time to live, so a restarted daemon resumes at once.
    Optional<Holder> holder = holder(directory);
    if (holder.isPresent() && deadLocal(holder.get().owner())) {
      jdbi.useHandle(h -> h.createUpdate("DELETE FROM leases WHERE directory = ? AND owner = ?")
          .bind(0, directory).bind(1, holder.get().owner()).execute());
      return take(directory, owner, ttl);
    }
    return false;
  }

  /** True when {@code owner} names a process on this host that no longer runs. */
  static boolean deadLocal(String owner) {
    String[] parts = owner.split("/");
    if (parts.length != 3 || !parts[0].equals(localHost())) {
      return false;
    }
    try {
      long pid = Long.parseLong(parts[1]);
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  private boolean take(String directory, String owner, Duration ttl) {
    long now = clock.millis();
    return jdbi.withHandle(h -> h.createUpdate("""
            INSERT INTO leases (directory, owner, acquired_at, expires_at) VALUES (:d, :o, :now, :until)
            ON CONFLICT (directory) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at,
              expires_at = excluded.expires_at
            WHERE leases.expires_at <= :now OR leases.owner = excluded.owner""")
        .bind("d", directory).bind("o", owner).bind("now", now).bind("until", now + ttl.toMillis())
        .execute()) == 1;
  }

  /** Extends the lease {@code owner} holds; false when it lost it (expired and taken over) or never had it. */
  public boolean renew(String directory, String owner, Duration ttl) {
    long until = clock.millis() + ttl.toMillis();
    return jdbi.withHandle(h -> h.createUpdate("UPDATE leases SET expires_at = ? WHERE directory = ? AND owner = ?")
        .bind(0, until).bind(1, directory).bind(2, owner).execute()) == 1;
  }

  /** Gives the lease up if {@code owner} holds it; does nothing otherwise. */
  public void release(String directory, String owner) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM leases WHERE directory = ? AND owner = ?")
        .bind(0, directory).bind(1, owner).execute());
  }

  /** The current, unexpired holder of the directory's lease, if any. */
  public Optional<Holder> holder(String directory) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT owner, expires_at FROM leases WHERE directory = ? AND expires_at > ?")
        .bind(0, directory).bind(1, clock.millis())
        .map((rs, ctx) -> new Holder(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
        .findOne());
  }
}
