package io.dirsync.core.snapshot.sqlite;

import io.dirsync.core.diff.StoredUser;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A consistent read of one directory's snapshot, taken in one read transaction: in WAL mode it
 * neither waits for nor blocks writers, so other directories commit while this run diffs.
 */
public final class SnapshotReader implements AutoCloseable {


  private final Connection conn;
  private final String directory;
  private final long version;

  public SnapshotReader(StateDatabase db, String directory) {
    this.directory = directory;
    try {
      this.conn = StateDatabase.readerDataSource(db.path()).getConnection();
      conn.setAutoCommit(false);
      try (PreparedStatement ps = conn.prepareStatement("SELECT version FROM directory_state WHERE directory = ?")) {
        ps.setString(1, directory);
        try (var rs = ps.executeQuery()) {
          this.version = rs.next() ? rs.getLong(1) : 0;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read state database: " + e.getMessage(), e);
    }
  }

  /** The snapshot's version when this read began; a commit checks it is still current. */
  public long version() {
    return version;
  }

  /**
   * id, content hash and state, sorted by id, from the covering index without the JSON. A user
   * marked deleted gives hash 0 (read as "look closer"). State: 0 deleted (gone from the source),
   * 1 present and inactive, 2 present and active, so the merge counts what the deletion threshold
   * needs without a scan of its own. Few columns keep the per-row native calls to a minimum.
   */
  public Rows usersSorted() {
    return query("""
        SELECT id, CASE WHEN deleted = 0 THEN hash ELSE 0 END, CASE WHEN deleted = 0 THEN 1 + (active <> 0) ELSE 0 END
        FROM users INDEXED BY users_scan WHERE directory = ? ORDER BY id""");
  }

  /** id, hash, json; sorted by id. */
  public Rows groupsSorted() {
    return query("SELECT id, hash, json FROM groups WHERE directory = ? ORDER BY id");
  }

  /** group_id, member_id, member_type; sorted. */
  public Rows membershipsSorted() {
    return query("SELECT group_id, member_id, member_type FROM memberships WHERE directory = ? ORDER BY group_id, member_id");
  }

  public Map<String, StoredUser> users(Collection<String> ids) {
    Map<String, StoredUser> out = new HashMap<>();
    forChunks(ids, "SELECT json, deleted FROM users WHERE directory = ? AND id IN (%s)", r -> {
      var u = Json.readUser(r.string(1));
      out.put(u.id(), new StoredUser(u, r.longValue(2) != 0));
    });
    return out;
  }

  public Map<String, Group> groups(Collection<String> ids) {
    Map<String, Group> out = new HashMap<>();
    forChunks(ids, "SELECT json FROM groups WHERE directory = ? AND id IN (%s)", r -> {
      Group g = Json.readGroup(r.string(1));
      out.put(g.id(), g);
    });
    return out;
  }

  /** Current members of the given groups. */
  public List<Membership> membersOf(Collection<String> groupIds) {
    List<Membership> out = new ArrayList<>();
    forChunks(groupIds, "SELECT group_id, member_id, member_type FROM memberships WHERE directory = ? AND group_id IN (%s)",
        r -> out.add(new Membership(r.string(1), r.string(2), MemberType.fromWire(r.string(3)))));
    return out;
  }

  public boolean hasMembership(Membership m) {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT 1 FROM memberships WHERE directory = ? AND group_id = ? AND member_id = ?")) {
      ps.setString(1, directory);
      ps.setString(2, m.groupId());
      ps.setString(3, m.memberId());
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface RowHandler {
    void accept(Rows r);
  }

  private void forChunks(Collection<String> ids, String sqlTemplate, RowHandler handler) {
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += Rows.IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + Rows.IN_CHUNK));
      String sql = String.format(sqlTemplate, Rows.placeholders(chunk.size()));
      try {
        PreparedStatement ps = conn.prepareStatement(sql);
        ps.setString(1, directory);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 2, chunk.get(i));
        }
        try (Rows r = new Rows(ps, ps.executeQuery())) {
          while (r.next()) {
            handler.accept(r);
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("state database read failed: " + e.getMessage(), e);
      }
    }
  }

  private Rows query(String sql) {
    try {
      PreparedStatement ps = conn.prepareStatement(sql);
      ps.setFetchSize(1000);
      ps.setString(1, directory);
      return new Rows(ps, ps.executeQuery());
    } catch (SQLException e) {
      throw new IllegalStateException("state database read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      conn.rollback();
      conn.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
