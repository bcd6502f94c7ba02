package io.dirsync.core.snapshot.sqlite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dirsync.core.json.Json;
import io.dirsync.core.snapshot.DeliveryState;
import io.dirsync.core.snapshot.DirectoryStats;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.spi.Cursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Everything about the state database that is not a run's commit: cursors, holds, runs, the outbox. */
public final class StateStore {

  private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};

  private static final RowMapper<RunRecord> RUN = (rs, ctx) -> new RunRecord(
      rs.getString("id"), rs.getString("directory"), rs.getString("mode"), rs.getString("outcome"),
      instant(rs.getString("started_at")), instant(rs.getString("finished_at")),
      readCounts(rs.getString("counts")), rs.getString("message"),
      rs.getInt("retries"), rs.getInt("throttled"), rs.getLong("waited_ms"));

  private static final RowMapper<OutboxEntry> ENTRY = (rs, ctx) -> new OutboxEntry(
      rs.getLong("seq"), rs.getString("id"), rs.getString("directory"), rs.getString("run"),
      rs.getString("type"), rs.getString("object_id"), rs.getString("at"), rs.getString("body"));

  private final StateDatabase db;
  private final Jdbi jdbi;

  public StateStore(StateDatabase db) {
    this.db = db;
    this.jdbi = db.jdbi();
  }

  public StateDatabase database() {
    return db;
  }

  // ---- cursors and holds ---------------------------------------------------------------

  public Optional<Cursor> cursor(String directory) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT cursor, cursor_issued_at FROM directory_state WHERE directory = ? AND cursor IS NOT NULL")
        .bind(0, directory)
        .map((rs, ctx) -> new Cursor(rs.getString(1), Instant.parse(rs.getString(2))))
        .findOne());
  }

  /**
   * Records a held run and marks the directory held.
   *
   * @return true if the directory was not held before (the alarm is raised once)
   */
  public boolean hold(RunRecord run, String reason) {
    return jdbi.inTransaction(h -> {
      boolean wasHeld = h.createQuery("SELECT held_since IS NOT NULL FROM directory_state WHERE directory = ?")
          .bind(0, run.directory()).mapTo(Boolean.class).findOne().orElse(false);
      h.createUpdate("""
              INSERT INTO directory_state (directory, held_since, held_reason) VALUES (:d, :since, :reason)
              ON CONFLICT (directory) DO UPDATE SET held_reason = :reason,
                held_since = coalesce(directory_state.held_since, :since)""")
          .bind("d", run.directory()).bind("since", run.finishedAt().toString()).bind("reason", reason).execute();
      insertRunUnchecked(h.getConnection(), run);
      return !wasHeld;
    });
  }

  /**
   * Prunes the audit trail: actions committed before {@code cutoff} that every sink has taken
   * ({@code delivered_at} set), and runs that started before it, except each directory's latest.
   * Undelivered actions are never pruned.
   *
   * @return the number of actions and runs removed
   */
  public int prune(Instant cutoff) {
    String c = cutoff.toString();
    return jdbi.inTransaction(h -> h.createUpdate("DELETE FROM outbox WHERE at < ? AND delivered_at IS NOT NULL")
        .bind(0, c).execute()
        + h.createUpdate("""
            DELETE FROM runs WHERE started_at < ? AND id NOT IN (
              SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY directory ORDER BY started_at DESC, rowid DESC) AS n FROM runs)
              WHERE n = 1)""").bind(0, c).execute());
  }

  /** Sets the end time of a committed run's record. */
  public void finished(String runId, Instant at) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE runs SET finished_at = ? WHERE id = ?").bind(0, at.toString())
        .bind(1, runId).execute());
  }

  public void recordRun(RunRecord run) {
    jdbi.useHandle(h -> insertRunUnchecked(h.getConnection(), run));
  }

  private static void insertRunUnchecked(Connection c, RunRecord run) {
    try {
      insertRun(c, run);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record run " + run.id() + ": " + e.getMessage(), e);
    }
  }

  static void insertRun(Connection c, RunRecord run) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO runs (id, directory, mode, outcome, started_at, finished_at, counts, message, retries, throttled, waited_ms)
        VALUES (?,?,?,?,?,?,?,?,?,?,?)""")) {
      ps.setString(1, run.id());
      ps.setString(2, run.directory());
      ps.setString(3, run.mode());
      ps.setString(4, run.outcome());
      ps.setString(5, run.startedAt().toString());
      ps.setString(6, run.finishedAt() == null ? null : run.finishedAt().toString());
      ps.setString(7, Json.write(run.counts()));
      ps.setString(8, run.message());
      ps.setInt(9, run.retries());
      ps.setInt(10, run.throttled());
      ps.setLong(11, run.waitedMs());
      ps.executeUpdate();
    }
  }

  // ---- status and history -------------------------------------------------------------

  public DirectoryStats stats(String directory) {
    return jdbi.withHandle(h -> {
      long[] u = h.createQuery("""
              SELECT count(*), coalesce(sum(active), 0) FROM users WHERE directory = ? AND deleted = 0""")
          .bind(0, directory).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
      long groups = h.createQuery("SELECT count(*) FROM groups WHERE directory = ?").bind(0, directory)
          .mapTo(Long.class).one();
      long members = h.createQuery("SELECT count(*) FROM memberships WHERE directory = ?").bind(0, directory)
          .mapTo(Long.class).one();
      var hold = h.createQuery("SELECT held_since, held_reason FROM directory_state WHERE directory = ?")
          .bind(0, directory).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne()
          .orElse(new String[2]);
      return new DirectoryStats(u[0], u[1], groups, members, instant(hold[0]), hold[1]);
    });
  }

  public List<RunRecord> runs(Optional<String> directory, int limit) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT * FROM runs WHERE (:d IS NULL OR directory = :d)
            ORDER BY started_at DESC, rowid DESC LIMIT :n""")
        .bind("d", directory.orElse(null)).bind("n", limit).map(RUN).list());
  }

  public Optional<RunRecord> lastRun(String directory) {
    return runs(Optional.of(directory), 1).stream().findFirst();
  }

  public List<OutboxEntry> actionsOfRun(String runId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM outbox WHERE run = ? ORDER BY seq")
        .bind(0, runId).map(ENTRY).list());
  }

  public List<OutboxEntry> actionsOfObject(String directory, String objectId, int limit) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT * FROM outbox WHERE directory = ? AND (object_id = ? OR instr(body, ?) > 0) ORDER BY seq DESC LIMIT ?""")
        .bind(0, directory).bind(1, objectId).bind(2, "\"memberId\":" + Json.write(objectId))
        .bind(3, limit).map(ENTRY).list());
  }

  // ---- outbox -------------------------------------------------------------------------

  /** Where one sink stands in one directory's queue. */
  public DeliveryState delivery(String sink, String directory) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT seq, attempts, next_attempt_at, last_error, parked_seq FROM deliveries
            WHERE sink = ? AND directory = ?""")
        .bind(0, sink).bind(1, directory)
        .map((rs, ctx) -> new DeliveryState(sink, directory, rs.getLong(1), rs.getInt(2), instant(rs.getString(3)),
            rs.getString(4), rs.getObject(5) == null ? null : rs.getLong(5)))
        .findOne().orElse(new DeliveryState(sink, directory, 0, 0, null, null, null)));
  }

  /**
   * The queues that need a dispatcher's attention, by directory then sink (in the order given): those with actions after
   * their sink's position, and those parked. One query whatever the number of directories: each
   * directory's newest action is one seek in {@code outbox_by_directory}, so an idle daemon with
   * hundreds of directories (or a long audit trail) does not pay per directory and sink.
   */
  public List<DeliveryState> queuesToDeliver(List<String> sinks) {
    if (sinks.isEmpty()) {
      return List.of();
    }
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < sinks.size(); i++) {
      values.append(i == 0 ? "" : ",").append("(?, ").append(i).append(')');
    }
    return jdbi.withHandle(h -> {
      var q = h.createQuery("""
          WITH sink(id, n) AS (VALUES %s),
               head AS (SELECT ds.directory, (SELECT max(o.seq) FROM outbox o WHERE o.directory = ds.directory) AS seq
                        FROM directory_state ds)
          SELECT sink.id, head.directory, coalesce(d.seq, 0), coalesce(d.attempts, 0), d.next_attempt_at, d.last_error,
                 d.parked_seq
          FROM head CROSS JOIN sink LEFT JOIN deliveries d ON d.sink = sink.id AND d.directory = head.directory
          WHERE head.seq > coalesce(d.seq, 0) OR d.parked_seq IS NOT NULL
          ORDER BY head.directory, sink.n""".formatted(values));
      for (int i = 0; i < sinks.size(); i++) {
        q.bind(i, sinks.get(i));
      }
      return q.map((rs, ctx) -> new DeliveryState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
          instant(rs.getString(5)), rs.getString(6), rs.getObject(7) == null ? null : rs.getLong(7))).list();
    });
  }

  public List<OutboxEntry> after(String directory, long seq, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM outbox WHERE directory = ? AND seq > ? ORDER BY seq LIMIT ?")
        .bind(0, directory).bind(1, seq).bind(2, limit).map(ENTRY).list());
  }

  /** Every committed action after {@code seq}, all directories, in commit order. */
  public List<OutboxEntry> after(long seq, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")
        .bind(0, seq).bind(1, limit).map(ENTRY).list());
  }

  /**
   * Records that {@code sink} took every action of {@code directory} up to {@code seq}, clears its
   * retry state, and stamps {@code delivered_at} on actions every one of {@code allSinks} has taken.
   */
  public void advance(String sink, String directory, long seq, Instant at, List<String> allSinks) {
    jdbi.useTransaction(h -> {
      long from = positionIn(h, sink, directory);
      h.createUpdate("""
              INSERT INTO deliveries (sink, directory, seq, updated_at) VALUES (:sink, :d, :seq, :at)
              ON CONFLICT (sink, directory) DO UPDATE SET seq = max(seq, :seq), updated_at = :at,
                attempts = 0, next_attempt_at = NULL, last_error = NULL, parked_seq = NULL""")
          .bind("sink", sink).bind("d", directory).bind("seq", seq).bind("at", at.toString()).execute();
      long min = allSinks.stream().mapToLong(s -> s.equals(sink) ? seq : positionIn(h, s, directory)).min().orElse(seq);
      // Only what this sink just took can have become delivered to every sink: (from, min].
      h.createUpdate("""
              UPDATE outbox SET delivered_at = :at
              WHERE directory = :d AND seq > :from AND seq <= :min AND delivered_at IS NULL""")
          .bind("at", at.toString()).bind("d", directory).bind("from", from).bind("min", min).execute();
    });
  }

  private static long positionIn(org.jdbi.v3.core.Handle h, String sink, String directory) {
    return h.createQuery("SELECT seq FROM deliveries WHERE sink = ? AND directory = ?").bind(0, sink).bind(1, directory)
        .mapTo(Long.class).findOne().orElse(0L);
  }

  /** Records a failed attempt: retry after {@code nextAttempt}, or park at {@code parkedSeq} when not null. */
  public void failed(String sink, String directory, Instant nextAttempt, String error, Long parkedSeq) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO deliveries (sink, directory, attempts, next_attempt_at, last_error, parked_seq)
            VALUES (:sink, :d, 1, :next, :err, :parked)
            ON CONFLICT (sink, directory) DO UPDATE SET attempts = attempts + 1, next_attempt_at = :next,
              last_error = :err, parked_seq = :parked""")
        .bind("sink", sink).bind("d", directory).bind("next", nextAttempt == null ? null : nextAttempt.toString())
        .bind("err", error).bind("parked", parkedSeq).execute());
  }

  /** {@code dirsync outbox retry}: unpark and retry now. @return the number of queues changed */
  public int retryNow(String directory, String sink) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE deliveries SET parked_seq = NULL, next_attempt_at = NULL, attempts = 0
            WHERE directory = :d AND (:sink IS NULL OR sink = :sink) AND (parked_seq IS NOT NULL OR next_attempt_at IS NOT NULL)""")
        .bind("d", directory).bind("sink", sink).execute());
  }

  /** {@code dirsync outbox skip}: move a parked queue past the one action it is parked at. @return skipped action ids */
  public List<String> skipParked(String directory, String sink, Instant at) {
    return jdbi.inTransaction(h -> {
      List<String> skipped = new java.util.ArrayList<>();
      List<DeliveryState> parked = h.createQuery("""
              SELECT sink, parked_seq FROM deliveries WHERE directory = :d AND parked_seq IS NOT NULL
                AND (:sink IS NULL OR sink = :sink)""")
          .bind("d", directory).bind("sink", sink)
          .map((rs, ctx) -> new DeliveryState(rs.getString(1), directory, 0, 0, null, null, rs.getLong(2))).list();
      for (DeliveryState p : parked) {
        h.createUpdate("""
                UPDATE deliveries SET seq = :seq, parked_seq = NULL, next_attempt_at = NULL, attempts = 0,
                  last_error = 'skipped by operator at ' || :at WHERE sink = :sink AND directory = :d""")
            .bind("seq", p.parkedSeq()).bind("at", at.toString()).bind("sink", p.sink()).bind("d", directory).execute();
        h.createQuery("SELECT id FROM outbox WHERE seq = ?").bind(0, p.parkedSeq()).mapTo(String.class).findOne()
            .ifPresent(id -> skipped.add(p.sink() + ": " + id));
      }
      return skipped;
    });
  }

  /** Actions of {@code directory} not yet delivered to every one of {@code sinks}. */
  public long pending(String directory, List<String> sinks) {
    long min = sinks.stream().mapToLong(s -> delivery(s, directory).seq()).min().orElse(Long.MAX_VALUE);
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM outbox WHERE directory = ? AND seq > ?")
        .bind(0, directory).bind(1, min).mapTo(Long.class).one());
  }

  /** When the oldest action {@code sink} has not taken from {@code directory} was committed, if any. */
  public Optional<String> oldestPending(String directory, String sink) {
    long pos = delivery(sink, directory).seq();
    return jdbi.withHandle(h -> h.createQuery("SELECT at FROM outbox WHERE directory = ? AND seq > ? ORDER BY seq LIMIT 1")
        .bind(0, directory).bind(1, pos).mapTo(String.class).findOne());
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static Map<String, Integer> readCounts(String json) {
    try {
      return Json.MAPPER.readValue(json, COUNTS);
    } catch (java.io.IOException e) {
      return Map.of();
    }
  }
}
