package io.dirsync.core.snapshot.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteDataSource;

/**
 * Keeps one open SQLite connection per thread for Jdbi instead of opening a new one per handle.
 * Opening a connection (file open, schema read, pragmas) cost more than the statements of a
 * dispatcher acknowledgement; see docs/benchmarks.md "Dispatch". Jdbi ends every handle's
 * transaction before giving the connection back, so a reused connection starts clean. A broken or
 * closed connection is replaced.
 */
final class ThreadConnections implements ConnectionFactory {

  private final SQLiteDataSource source;
  private final ThreadLocal<Connection> connections = new ThreadLocal<>();

  ThreadConnections(SQLiteDataSource source) {
    this.source = source;
  }

  @Override
  public Connection openConnection() throws SQLException {
    Connection c = connections.get();
    if (c == null || c.isClosed()) {
      c = source.getConnection();
      connections.set(c);
    }
    if (!c.getAutoCommit()) {
      c.rollback();
      c.setAutoCommit(true);
    }
    return c;
  }

  @Override
  public void closeConnection(Connection toClose) {
    // kept open for this thread's next handle
  }
}
