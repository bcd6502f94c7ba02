package io.dirsync.core.snapshot.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A forward-only cursor over query results; close it. */
public final class Rows implements AutoCloseable {

  /** Keys per {@code IN (...)} query of this package: well under SQLite's limit of 32,766 parameters. */
  static final int IN_CHUNK = 500;

  private final Statement st;
  final ResultSet rs;

  Rows(Statement st, ResultSet rs) {
    this.st = st;
    this.rs = rs;
  }

  public boolean next() {
    try {
      return rs.next();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public String string(int col) {
    try {
      return rs.getString(col);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public long longValue(int col) {
    try {
      return rs.getLong(col);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      st.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ?,?,…} for an {@code IN (...)} of {@code n} keys. */
  static String placeholders(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }
}
