package io.dirsync.core.snapshot.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The state database: one SQLite file in WAL mode, created with mode 0600 (SQLite gives its -wal
 * and -shm files the same mode), its schema migrated on open. Safe to share between threads and
 * between processes; every writer waits up to {@link #BUSY_TIMEOUT_MS} for the write lock, which
 * only a run's final commit and the dispatcher's position updates take.
 */
public final class StateDatabase {

  /**
   * How long a writer waits for another's transaction. The longest is a first sync's commit of a
   * large directory (about 40 s for a million users, docs/benchmarks.md), so this is generous.
   */
  static final int BUSY_TIMEOUT_MS = 600_000;

  private final Path path;
  private final Jdbi jdbi;

  private StateDatabase(Path path, Jdbi jdbi) {
    this.path = path;
    this.jdbi = jdbi;
  }

  /** Opens (creating if needed) the database at {@code path} and brings its schema up to date. */
  public static StateDatabase open(Path path) {
    Path abs = path.toAbsolutePath();
    createPrivately(abs);
    StateDatabase db = new StateDatabase(abs, Jdbi.create(new ThreadConnections(dataSource(abs, true))));
    Schema.migrate(db.jdbi);
    return db;
  }

  /** A data source for writers: transactions begin IMMEDIATE, taking the write lock up front. */
  static SQLiteDataSource dataSource(Path file, boolean wal) {
    return dataSource(file, wal, SQLiteConfig.TransactionMode.IMMEDIATE);
  }

  /** A data source for readers: transactions begin DEFERRED and, in WAL mode, never block writers. */
  static SQLiteDataSource readerDataSource(Path file) {
    return dataSource(file, true, SQLiteConfig.TransactionMode.DEFERRED);
  }

  static final int WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

  private static SQLiteDataSource dataSource(Path file, boolean wal, SQLiteConfig.TransactionMode mode) {
    SQLiteConfig config = new SQLiteConfig();
    if (wal) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      // a large run's commit grows the WAL to the size of the pages it touched (3.2 GB after a
      // 1M-user first sync); once checkpointed it is truncated back to this instead of staying that big
      config.setJournalSizeLimit(WAL_SIZE_LIMIT_BYTES);
    } else {
      config.setJournalMode(SQLiteConfig.JournalMode.OFF);
      config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    }
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    config.setTransactionMode(mode);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file);
    return ds;
  }

  /** Creates an empty file readable by its owner only, unless it exists already. */
  static void createPrivately(Path file) {
    try {
      Path parent = file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!Files.exists(file)) {
        try {
          if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          } else {
            Files.createFile(file);
          }
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: fine, it did so with the same mode
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state database " + file + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  public Jdbi jdbi() {
    return jdbi;
  }
}
