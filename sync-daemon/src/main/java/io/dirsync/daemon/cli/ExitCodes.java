package io.dirsync.daemon.cli;

/** The exit codes of DESIGN.md, decided here and nowhere else. */
public final class ExitCodes {
  public static final int OK = 0;
  /** A run failed (wins over HELD and UNDELIVERED), or test-connection could not connect. */
  public static final int FAILED = 1;
  /** Bad usage or configuration. */
  public static final int USAGE = 2;
  /** A run was held by the deletion threshold; nothing was committed. */
  public static final int HELD = 3;
  /** Runs committed but a sink could not take every action; they stay queued. */
  public static final int UNDELIVERED = 4;

  private ExitCodes() {
  }

  static int of(boolean failed, boolean held, boolean undelivered) {
    return failed ? FAILED : held ? HELD : undelivered ? UNDELIVERED : OK;
  }
}
