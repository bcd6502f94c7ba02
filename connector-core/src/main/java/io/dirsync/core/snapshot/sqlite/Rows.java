package io.dirsync.core.snapshot.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A forward-only cursor over query results; close it. */
public final class Rows implements AutoCloseable {
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
}
