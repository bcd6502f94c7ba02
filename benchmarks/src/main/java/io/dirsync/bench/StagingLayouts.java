package io.dirsync.bench;

import io.dirsync.core.json.Json;
import io.dirsync.core.model.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * An experiment behind docs/benchmarks.md, not a benchmark of dirsync code: how long SQLite takes to
 * stage N fetched users (pages of 999, random-looking ids, ~450-byte JSON) and read them back in id
 * order, for the layout {@code Staging} uses today and for alternatives. Same pragmas as
 * {@code Staging} (journal off, synchronous off, 16 MB cache).
 *
 * <ul>
 *   <li>{@code asis}: {@code f_users(id PRIMARY KEY, hash, json) WITHOUT ROWID}, a commit per page
 *       (today's layout: every insert lands on a random leaf of a table as big as all the JSON);
 *   <li>{@code onetx}: the same in one transaction;
 *   <li>{@code narrow}: the JSON appended to a rowid table, only {@code (id, hash, row)} in the
 *       id-ordered table, a commit per page;
 *   <li>{@code append}: one rowid table {@code (id, hash, json)} appended in arrival order, an index
 *       on {@code (id, hash)} built once after the listing, read through it.
 * </ul>
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.dirsync.bench.StagingLayouts [users] [dir] [layouts...]}
 */
public final class StagingLayouts {

  private static final int PAGE = GeneratedConnector.PAGE_SIZE;

  private StagingLayouts() {
  }

  public static void main(String[] args) throws Exception {
    long users = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : FullDiffScenario.defaultDir();
    String[] layouts = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length)
        : new String[] {"json", "asis", "onetx", "narrow", "append"};
    GeneratedDirectory d = new GeneratedDirectory(users);
    Files.createDirectories(dir);
    for (String layout : layouts) {
      Path file = dir.resolve("layout-" + ProcessHandle.current().pid() + ".db");
      Files.deleteIfExists(file);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("PRAGMA journal_mode = OFF");
          s.executeUpdate("PRAGMA synchronous = OFF");
          s.executeUpdate("PRAGMA cache_size = -16000");
        }
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        long rows = layout.equals("json") ? jsonOnly(d) : stage(c, layout, d);
        long t1 = System.nanoTime();
        long read = layout.equals("json") ? 0 : readSorted(c, layout);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%-7s %,d users: stage %6d ms, read in id order %6d ms (%,d rows), file %,d MB%n",
            layout, rows, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, read, Files.size(file) >> 20);
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The Java share of staging alone: serialise and hash every user. */
  private static long jsonOnly(GeneratedDirectory d) {
    long sink = 0;
    for (long i = 0; i < d.size(); i++) {
      sink += Json.hash(Json.write(d.current(i) == null ? d.before(i) : d.current(i)));
    }
    return sink == 42 ? 0 : d.size();
  }

  private static long stage(Connection c, String layout, GeneratedDirectory d) throws SQLException {
    try (Statement s = c.createStatement()) {
      switch (layout) {
        case "asis", "onetx" -> s.executeUpdate(
            "CREATE TABLE f_users (id TEXT PRIMARY KEY, hash INTEGER NOT NULL, json TEXT NOT NULL) WITHOUT ROWID");
        case "narrow" -> {
          s.executeUpdate("CREATE TABLE f_json (n INTEGER PRIMARY KEY, json TEXT NOT NULL)");
          s.executeUpdate("CREATE TABLE f_users (id TEXT PRIMARY KEY, hash INTEGER NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID");
        }
        case "append" -> s.executeUpdate("CREATE TABLE f_users (id TEXT NOT NULL, hash INTEGER NOT NULL, json TEXT NOT NULL)");
        default -> throw new IllegalArgumentException(layout);
      }
    }
    boolean commitPerPage = !layout.equals("onetx");
    PreparedStatement ins = c.prepareStatement(switch (layout) {
      case "narrow" -> "INSERT OR REPLACE INTO f_users VALUES (?, ?, ?)";
      case "append" -> "INSERT INTO f_users VALUES (?, ?, ?)";
      default -> "INSERT OR REPLACE INTO f_users VALUES (?, ?, ?)";
    });
    PreparedStatement insJson = layout.equals("narrow") ? c.prepareStatement("INSERT INTO f_json VALUES (?, ?)") : null;
    long n = 0;
    for (long i = 0; i < d.size(); i++) {
      User u = d.before(i);
      String json = Json.write(u);
      ins.setString(1, u.id());
      ins.setLong(2, Json.hash(json));
      if (insJson != null) {
        insJson.setLong(1, ++n);
        insJson.setString(2, json);
        insJson.addBatch();
        ins.setLong(3, n);
      } else {
        ins.setString(3, json);
        n++;
      }
      ins.addBatch();
      if (n % PAGE == 0) {
        flush(c, ins, insJson, commitPerPage);
      }
    }
    flush(c, ins, insJson, true);
    if (layout.equals("append")) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("CREATE INDEX f_users_id ON f_users (id, hash)");
      }
      c.commit();
    }
    return n;
  }

  private static void flush(Connection c, PreparedStatement ins, PreparedStatement insJson, boolean commit)
      throws SQLException {
    if (insJson != null) {
      insJson.executeBatch();
    }
    ins.executeBatch();
    if (commit) {
      c.commit();
    }
  }

  private static long readSorted(Connection c, String layout) throws SQLException {
    String sql = switch (layout) {
      case "narrow" -> "SELECT id, hash, n FROM f_users ORDER BY id";
      case "append" -> "SELECT id, hash, rowid FROM f_users ORDER BY id, rowid";
      default -> "SELECT id, hash, json FROM f_users ORDER BY id";
    };
    long rows = 0;
    long sink = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink += rs.getString(1).length() + rs.getLong(2);
          rows++;
        }
      }
    }
    return sink == 42 ? -1 : rows;
  }
}
