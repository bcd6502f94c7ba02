package io.dirsync.core.snapshot.sqlite;

import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.spi.Cursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one transaction that lands a run: snapshot changes, the new cursor, the run record and the
 * actions into the outbox, all or nothing. Only this holds the state database's write lock for
 * longer than a row update, and only for the copy, not the fetch.
 */
public final class RunCommit {

  private RunCommit() {
  }

  /** Thrown when another run of the same directory committed after this run read its snapshot. */
  public static final class ConcurrentRunException extends RuntimeException {
    public ConcurrentRunException(String message) {
      super(message);
    }
  }

  /**
   * @param expectedVersion the version the run's diff was computed against
   * @param cursor the cursor to store; null clears it (a connector without deltas)
   */
  public static void commit(StateDatabase db, Staging staging, RunRecord run, long expectedVersion, Cursor cursor) {
    staging.seal();
    String dir = run.directory();
    try (Connection c = StateDatabase.dataSource(db.path(), true).getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("ATTACH DATABASE '" + staging.file().toString().replace("'", "''") + "' AS stage");
      }
      try {
        c.setAutoCommit(false); // BEGIN IMMEDIATE (the data source's transaction mode)
        long current = version(c, dir);
        if (current != expectedVersion) {
          c.rollback();
          throw new ConcurrentRunException("directory " + dir + " was committed by another run while this one"
              + " was fetching (snapshot version " + expectedVersion + " -> " + current + "); nothing committed");
        }
        update(c, """
            INSERT OR REPLACE INTO users (directory, id, hash, active, deleted, json)
            SELECT ?, id, hash, active, deleted, json FROM stage.user_ops""", dir);
        update(c, """
            INSERT OR REPLACE INTO groups (directory, id, hash, json)
            SELECT ?, id, hash, json FROM stage.group_ops WHERE op = 'upsert'""", dir);
        update(c, """
            DELETE FROM groups WHERE directory = ?1
              AND id IN (SELECT id FROM stage.group_ops WHERE op = 'delete')""", dir);
        update(c, """
            DELETE FROM memberships WHERE directory = ?1
              AND (group_id, member_id) IN (SELECT group_id, member_id FROM stage.member_ops WHERE op = 'remove')""", dir);
        update(c, """
            INSERT OR REPLACE INTO memberships (directory, group_id, member_id, member_type)
            SELECT ?, group_id, member_id, member_type FROM stage.member_ops WHERE op = 'add'""", dir);
        try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO outbox (id, directory, run, type, object_id, at, body)
            SELECT id, ?, ?, type, object_id, at, body FROM stage.actions ORDER BY phase, n""")) {
          ps.setString(1, dir);
          ps.setString(2, run.id());
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO directory_state (directory, version, cursor, cursor_issued_at, held_since, held_reason)
            VALUES (?1, ?2, ?3, ?4, NULL, NULL)
            ON CONFLICT (directory) DO UPDATE SET version = ?2, cursor = ?3, cursor_issued_at = ?4,
              held_since = NULL, held_reason = NULL""")) {
          ps.setString(1, dir);
          ps.setLong(2, current + 1);
          ps.setString(3, cursor == null ? null : cursor.value());
          ps.setString(4, cursor == null ? null : cursor.issuedAt().toString());
          ps.executeUpdate();
        }
        StateStore.insertRun(c, run);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        safeRollback(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("DETACH DATABASE stage");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("commit of run " + run.id() + " failed, nothing committed: " + e.getMessage(), e);
    }
  }

  private static long version(Connection c, String dir) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM directory_state WHERE directory = ?")) {
      ps.setString(1, dir);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static void update(Connection c, String sql, String dir) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, dir);
      ps.executeUpdate();
    }
  }

  private static void safeRollback(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException e) {
      // the connection is closed next; SQLite rolls back an open transaction on close
    }
  }

}
