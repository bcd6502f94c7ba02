package io.dirsync.core.snapshot.sqlite;

import io.dirsync.core.diff.ActionType;
import io.dirsync.core.diff.StoredUser;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The private scratch file of one run: what was fetched, and the plan (snapshot changes and
 * actions) computed from it. It lives beside the state database, owner-only, and is deleted when
 * the run ends. Writing here never touches the state database, so a long fetch holds no lock that
 * another directory's run would wait for; the run's commit copies the plan in one transaction.
 *
 * <p>One run at a time. Its writers are not thread-safe (the staging writer thread and the planning
 * thread take turns); a cursor from a {@code ...Sorted} query may be stepped on another thread while
 * the planning thread writes the plan, which the driver serialises per connection.
 */
public final class Staging implements AutoCloseable {

  private static final String SCHEMA = """
      CREATE TABLE f_users (id TEXT NOT NULL, hash INTEGER NOT NULL, json BLOB NOT NULL);
      CREATE TABLE f_groups (id TEXT NOT NULL, hash INTEGER NOT NULL, json TEXT NOT NULL);
      CREATE TABLE f_members (group_id TEXT NOT NULL, member_id TEXT NOT NULL, member_type TEXT NOT NULL,
        PRIMARY KEY (group_id, member_id)) WITHOUT ROWID;
      CREATE TABLE user_ops (id TEXT PRIMARY KEY, hash INTEGER NOT NULL, active INTEGER NOT NULL,
        deleted INTEGER NOT NULL, json TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE group_ops (id TEXT PRIMARY KEY, op TEXT NOT NULL, hash INTEGER, json TEXT) WITHOUT ROWID;
      CREATE TABLE member_ops (group_id TEXT NOT NULL, member_id TEXT NOT NULL, member_type TEXT NOT NULL,
        op TEXT NOT NULL, PRIMARY KEY (group_id, member_id)) WITHOUT ROWID;
      CREATE TABLE actions (phase INTEGER NOT NULL, n INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
        object_id TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (phase, n));
      """;

  private final Path file;
  private final Connection conn;
  private final PreparedStatement insUser;
  private final PreparedStatement insGroup;
  private final PreparedStatement insMember;
  private final PreparedStatement insUserOp;
  private final PreparedStatement insGroupOp;
  private final PreparedStatement insMemberOp;
  private final PreparedStatement insAction;
  private final Map<ActionType, Integer> counts = new EnumMap<>(ActionType.class);
  private long actionSeq;

  private Staging(Path file) throws SQLException {
    this.file = file;
    this.conn = StateDatabase.dataSource(file, false).getConnection();
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("PRAGMA locking_mode = NORMAL");
      s.executeUpdate("PRAGMA page_size = 8192"); // before the first table: ~400-byte rows append and index faster
      s.executeUpdate("PRAGMA cache_size = -16000");
      for (String ddl : SCHEMA.split(";")) {
        if (!ddl.isBlank()) {
          s.executeUpdate(ddl);
        }
      }
    }
    conn.setAutoCommit(false);
    insUser = conn.prepareStatement("INSERT INTO f_users VALUES (?,?,?)");
    insGroup = conn.prepareStatement("INSERT INTO f_groups VALUES (?,?,?)");
    insMember = conn.prepareStatement("INSERT OR REPLACE INTO f_members VALUES (?,?,?)");
    insUserOp = conn.prepareStatement("INSERT OR REPLACE INTO user_ops VALUES (?,?,?,?,?)");
    insGroupOp = conn.prepareStatement("INSERT OR REPLACE INTO group_ops VALUES (?,?,?,?)");
    insMemberOp = conn.prepareStatement("INSERT OR REPLACE INTO member_ops VALUES (?,?,?,?)");
    insAction = conn.prepareStatement("INSERT INTO actions VALUES (?,?,?,?,?,?,?)");
  }

  /** Creates the scratch file {@code <state>.staging/<directory>-<run>.db}. */
  public static Staging create(StateDatabase db, String directory, String runId) {
    Path dir = stagingDir(db);
    Path file = dir.resolve(directory + "-" + runId + ".db");
    try {
      Files.createDirectories(dir);
      StateDatabase.createPrivately(file);
      return new Staging(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run scratch file " + file, e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open run scratch file " + file + ": " + e.getMessage(), e);
    }
  }

  static Path stagingDir(StateDatabase db) {
    return db.path().resolveSibling(db.path().getFileName() + ".staging");
  }

  /** Deletes scratch files a killed run of {@code directory} left behind. */
  public static void removeLeftovers(StateDatabase db, String directory) {
    Path dir = stagingDir(db);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      // <directory>-<uuid>.db exactly: directory "acme" must not touch the live file of "acme-2"
      java.util.regex.Pattern mine = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(directory)
          + "-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.db");
      for (Path p : files.filter(p -> mine.matcher(p.getFileName().toString()).matches()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir, e);
    }
  }

  Path file() {
    return file;
  }

  // ---- what was fetched -------------------------------------------------------------------

  /**
   * A page of users serialised (UTF-8) and hashed, ready to insert; made on any thread, touches no
   * database. The bytes that were hashed are the bytes stored: the staging writer thread, which is
   * the fetch's bottleneck, does no string encoding of its own for them.
   */
  public record EncodedUsers(String[] ids, long[] hashes, byte[][] json) {}

  public static EncodedUsers encodeUsers(List<User> page) {
    String[] ids = new String[page.size()];
    long[] hashes = new long[page.size()];
    byte[][] json = new byte[page.size()][];
    for (int i = 0; i < ids.length; i++) {
      User u = page.get(i);
      ids[i] = u.id();
      json[i] = Json.write(u).getBytes(StandardCharsets.UTF_8);
      hashes[i] = Json.hash(json[i]);
    }
    return new EncodedUsers(ids, hashes, json);
  }

  /** Appends a page; the JSON goes in as UTF-8 bytes (a BLOB, read back as text). */
  public void insertUsers(EncodedUsers page) {
    run(() -> {
      for (int i = 0; i < page.ids().length; i++) {
        insUser.setString(1, page.ids()[i]);
        insUser.setLong(2, page.hashes()[i]);
        insUser.setBytes(3, page.json()[i]);
        insUser.addBatch();
      }
      insUser.executeBatch();
      conn.commit();
    });
  }

  public void addGroups(List<Group> page) {
    run(() -> {
      for (Group g : page) {
        String json = Json.write(g);
        insGroup.setString(1, g.id());
        insGroup.setLong(2, Json.hash(json));
        insGroup.setString(3, json);
        insGroup.addBatch();
      }
      insGroup.executeBatch();
      conn.commit();
    });
  }

  public void addMemberships(List<Membership> page) {
    run(() -> {
      for (Membership m : page) {
        insMember.setString(1, m.groupId());
        insMember.setString(2, m.memberId());
        insMember.setString(3, m.memberType().wireName());
        insMember.addBatch();
      }
      insMember.executeBatch();
      conn.commit();
    });
  }

  /**
   * Ends the fetch: indexes what was appended in arrival order. Appending and indexing once is
   * about three times faster than keeping a table sorted by id while random ids arrive
   * (docs/benchmarks.md). Objects listed twice keep every row; readers take the last one.
   */
  public void fetched() {
    run(() -> {
      try (Statement s = conn.createStatement()) {
        s.executeUpdate("CREATE INDEX f_users_id ON f_users (id, hash)");
        s.executeUpdate("CREATE INDEX f_groups_id ON f_groups (id, hash)");
      }
      conn.commit();
    });
  }

  /**
   * Fetched users by id in {@link io.dirsync.core.diff.Utf8Order}, the last listed row of each id:
   * id, hash, rowid (for {@link #fetchedUserJson}). Reads the index only.
   */
  public Rows fetchedUsersSorted() {
    return query("SELECT id, hash, max(rowid) FROM f_users GROUP BY id ORDER BY id");
  }

  /** The JSON of fetched rows by rowid ({@link #fetchedUsersSorted}'s third column), a few hundred per query. */
  public Map<Long, String> fetchedUsersJson(List<Long> rowids) {
    Map<Long, String> out = new java.util.HashMap<>();
    for (int from = 0; from < rowids.size(); from += Rows.IN_CHUNK) {
      List<Long> chunk = rowids.subList(from, Math.min(rowids.size(), from + Rows.IN_CHUNK));
      String sql = "SELECT rowid, json FROM f_users WHERE rowid IN ("
          + Rows.placeholders(chunk.size()) + ")";
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getLong(1), new String(rs.getBytes(2), StandardCharsets.UTF_8));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("run scratch file read failed: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Like {@link #fetchedUsersSorted}, with the JSON: id, hash, json. Groups are few. */
  public Rows fetchedGroupsSorted() {
    return query("""
        SELECT g.id, g.hash, g.json FROM f_groups g
        JOIN (SELECT max(rowid) AS r FROM f_groups GROUP BY id) last ON g.rowid = last.r ORDER BY g.id""");
  }

  /** Fetched memberships whose group and member were both fetched, by group then member. */
  public Rows fetchedMembershipsSorted() {
    return query("""
        SELECT m.group_id, m.member_id, m.member_type FROM f_members m
        WHERE EXISTS (SELECT 1 FROM f_groups g WHERE g.id = m.group_id)
          AND CASE m.member_type
                WHEN 'user' THEN EXISTS (SELECT 1 FROM f_users u WHERE u.id = m.member_id)
                ELSE EXISTS (SELECT 1 FROM f_groups g2 WHERE g2.id = m.member_id) END
        ORDER BY m.group_id, m.member_id""");
  }

  // ---- the plan -------------------------------------------------------------------------

  public void putUser(StoredUser s) {
    run(() -> {
      String json = Json.write(s.user());
      insUserOp.setString(1, s.user().id());
      insUserOp.setLong(2, Json.hash(json));
      insUserOp.setInt(3, s.user().active() ? 1 : 0);
      insUserOp.setInt(4, s.deleted() ? 1 : 0);
      insUserOp.setString(5, json);
      insUserOp.executeUpdate();
    });
  }

  public void putGroup(Group g) {
    run(() -> {
      String json = Json.write(g);
      insGroupOp.setString(1, g.id());
      insGroupOp.setString(2, "upsert");
      insGroupOp.setLong(3, Json.hash(json));
      insGroupOp.setString(4, json);
      insGroupOp.executeUpdate();
    });
  }

  public void deleteGroup(String id) {
    run(() -> {
      insGroupOp.setString(1, id);
      insGroupOp.setString(2, "delete");
      insGroupOp.setNull(3, java.sql.Types.INTEGER);
      insGroupOp.setNull(4, java.sql.Types.VARCHAR);
      insGroupOp.executeUpdate();
    });
  }

  public void putMembership(Membership m, boolean add) {
    run(() -> {
      insMemberOp.setString(1, m.groupId());
      insMemberOp.setString(2, m.memberId());
      insMemberOp.setString(3, m.memberType().wireName());
      insMemberOp.setString(4, add ? "add" : "remove");
      insMemberOp.executeUpdate();
    });
  }

  public void addAction(ActionType type, String actionId, String objectId, String at, String body) {
    run(() -> {
      insAction.setInt(1, type.phase());
      insAction.setLong(2, ++actionSeq);
      insAction.setString(3, actionId);
      insAction.setString(4, type.wireName());
      insAction.setString(5, objectId);
      insAction.setString(6, at);
      insAction.setString(7, body);
      insAction.executeUpdate();
    });
    counts.merge(type, 1, Integer::sum);
  }

  /**
   * Makes the plan durable in the scratch file and closes this run's connection to it, so that the
   * commit can attach the file to the state database. Nothing can be added afterwards.
   */
  void seal() {
    run(() -> {
      conn.commit();
      conn.close();
    });
  }

  public Map<ActionType, Integer> counts() {
    return Map.copyOf(counts);
  }

  public int count(ActionType type) {
    return counts.getOrDefault(type, 0);
  }

  /** The planned actions' bodies in emission order (for {@code --dry-run}). */
  public List<String> plannedActions(int limit) {
    List<String> out = new ArrayList<>();
    try (Rows r = query("SELECT body FROM actions ORDER BY phase, n LIMIT " + limit)) {
      while (r.next()) {
        out.add(r.string(1));
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      // nothing to lose: the file is scratch and is deleted next
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete run scratch file " + file, e);
    }
  }

  private long count(String sql) {
    try (Rows r = query(sql)) {
      r.next();
      return r.rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Rows query(String sql) {
    try {
      PreparedStatement ps = conn.prepareStatement(sql);
      ps.setFetchSize(1000);
      return new Rows(ps, ps.executeQuery());
    } catch (SQLException e) {
      throw new IllegalStateException("run scratch file query failed: " + e.getMessage(), e);
    }
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private static void run(SqlAction a) {
    try {
      a.run();
    } catch (SQLException e) {
      throw new IllegalStateException("run scratch file write failed: " + e.getMessage(), e);
    }
  }
}
