package io.dirsync.daemon.schedule;

import io.dirsync.daemon.App;
import io.dirsync.daemon.config.DirsyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded configuration and the {@link App} built from it. A reload makes a new generation; runs
 * that started on the old one finish on it, and the old one is closed when the last of them ends.
 */
final class Generation {

  private static final Logger LOG = LoggerFactory.getLogger(Generation.class);

  private final DirsyncConfig config;
  private final App app;
  private int users = 1; // the daemon's own reference, dropped by retire()

  Generation(DirsyncConfig config, App app) {
    this.config = config;
    this.app = app;
  }

  DirsyncConfig config() {
    return config;
  }

  App app() {
    return app;
  }

  /** Takes a reference for one run; false if this generation was already closed. */
  synchronized boolean enter() {
    if (users == 0) {
      return false;
    }
    users++;
    return true;
  }

  void exit() {
    release();
  }

  /** Drops the daemon's reference: closed now, or when its last run ends. */
  void retire() {
    release();
  }

  private void release() {
    boolean close;
    synchronized (this) {
      users--;
      close = users == 0;
    }
    if (close) {
      try {
        app.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the configuration of {} failed: {}", config.file(), e.getMessage());
      }
    }
  }
}
