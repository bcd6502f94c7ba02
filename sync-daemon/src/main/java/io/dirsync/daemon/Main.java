package io.dirsync.daemon;

import io.dirsync.daemon.cli.Dirsync;
import java.time.Clock;

/** The {@code dirsync} command. Logs go to stderr through slf4j-simple; see {@link Logging}. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    Logging.configure(System.getenv());
    System.exit(Dirsync.execute(args, System.getenv()::get, Clock.systemUTC(), System.out, System.err));
  }
}
