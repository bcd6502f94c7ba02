package io.dirsync.core.snapshot.sqlite;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Versioned schema. {@code PRAGMA user_version} holds the number of migrations applied; each start
 * applies the missing ones in one transaction. Migrations are only ever appended.
 */
final class Schema {

  private static final List<String> MIGRATIONS = List.of(
      // 1: snapshot, cursor, runs, outbox
      """
      CREATE TABLE directory_state (
        directory TEXT PRIMARY KEY,
        version INTEGER NOT NULL DEFAULT 0,
        cursor TEXT,
        cursor_issued_at TEXT,
        held_since TEXT,
        held_reason TEXT
      );
      CREATE TABLE users (
        directory TEXT NOT NULL, id TEXT NOT NULL, hash INTEGER NOT NULL,
        active INTEGER NOT NULL, deleted INTEGER NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (directory, id)) WITHOUT ROWID;
      CREATE TABLE groups (
        directory TEXT NOT NULL, id TEXT NOT NULL, hash INTEGER NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (directory, id)) WITHOUT ROWID;
      CREATE TABLE memberships (
        directory TEXT NOT NULL, group_id TEXT NOT NULL, member_id TEXT NOT NULL, member_type TEXT NOT NULL,
        PRIMARY KEY (directory, group_id, member_id)) WITHOUT ROWID;
      CREATE TABLE runs (
        id TEXT PRIMARY KEY, directory TEXT NOT NULL, mode TEXT NOT NULL, outcome TEXT NOT NULL,
        started_at TEXT NOT NULL, finished_at TEXT, counts TEXT NOT NULL DEFAULT '{}', message TEXT,
        retries INTEGER NOT NULL DEFAULT 0, throttled INTEGER NOT NULL DEFAULT 0, waited_ms INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX runs_by_directory ON runs (directory, started_at);
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, directory TEXT NOT NULL,
        run TEXT NOT NULL, type TEXT NOT NULL, object_id TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL);
      CREATE INDEX outbox_by_directory ON outbox (directory, seq);
      CREATE INDEX outbox_by_run ON outbox (run);
      CREATE INDEX outbox_by_object ON outbox (directory, object_id);
      CREATE TABLE sink_positions (
        sink TEXT PRIMARY KEY, seq INTEGER NOT NULL, updated_at TEXT NOT NULL);
      """,
      // 2: delivery positions per sink and directory, so one directory's parked queue does not
      // hold up another's; retry state; when each action was delivered to every sink
      """
      CREATE TABLE deliveries (
        sink TEXT NOT NULL, directory TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0, updated_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT, last_error TEXT, parked_seq INTEGER,
        PRIMARY KEY (sink, directory));
      INSERT INTO deliveries (sink, directory, seq, updated_at)
        SELECT p.sink, d.directory, p.seq, p.updated_at FROM sink_positions p, (SELECT DISTINCT directory FROM outbox) d;
      DROP TABLE sink_positions;
      ALTER TABLE outbox ADD COLUMN delivered_at TEXT;
      """,
      // 3: one lease per directory, so runs of a directory never overlap across processes
      // (the daemon and a manual `dirsync sync`); times are epoch milliseconds
      """
      CREATE TABLE IF NOT EXISTS leases (
        directory TEXT PRIMARY KEY, owner TEXT NOT NULL, acquired_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
      """,
      // 4: the full diff scans (id, hash, active, deleted) of every user; a covering index keeps that
      // scan off the JSON, which is read only for the few users that changed
      """
      CREATE INDEX users_scan ON users (directory, id, hash, active, deleted);
      """);

  private Schema() {
  }

  static void migrate(Jdbi jdbi) {
    jdbi.useTransaction(h -> {
      int current = version(h);
      if (current > MIGRATIONS.size()) {
        throw new IllegalStateException("state database schema version " + current
            + " is newer than this dirsync understands (" + MIGRATIONS.size() + "); upgrade dirsync");
      }
      for (int v = current; v < MIGRATIONS.size(); v++) {
        h.createScript(MIGRATIONS.get(v)).execute();
      }
      h.execute("PRAGMA user_version = " + MIGRATIONS.size());
    });
  }

  static int version(Handle h) {
    return h.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
  }
}
