package io.dirsync.daemon.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGHUP for {@code dirsync run}, through {@code sun.misc.Signal} of the JDK's
 * {@code jdk.unsupported} module: the supported, reflection-free way to handle a signal in Java 17+
 * (it is exported to the class path; nothing else catches a SIGHUP). Handling SIGTERM ourselves
 * replaces the JVM's default exit, so shutdown hooks do not run on it: the daemon stops itself and
 * returns its exit code. The handlers run on a JVM signal thread and only hand the daemon an event.
 */
public final class Signals {

  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {
  }

  /** Routes SIGTERM (and SIGINT, for a terminal's Ctrl-C) to {@code onTerm}, SIGHUP to {@code onHup}. */
  public static void install(Runnable onTerm, Runnable onHup) {
    handle("TERM", s -> onTerm.run());
    handle("INT", s -> onTerm.run());
    handle("HUP", s -> onHup.run());
  }

  /**
   * A signal the process was started with ignored (SIGHUP under {@code nohup}, SIGINT for a
   * background job of a shell) stays ignored: the JVM silently keeps it ignored and returns
   * {@code SIG_IGN}. Say so, or a reload that never happens looks like a slow one.
   */
  private static void handle(String name, SignalHandler handler) {
    SignalHandler previous = Signal.handle(new Signal(name), handler);
    if (previous == SignalHandler.SIG_IGN) {
      LOG.warn("SIG{} was ignored when dirsync started (nohup, or a background job?) and stays ignored: {}", name,
          name.equals("HUP") ? "a reload needs a restart" : "stop dirsync with SIGTERM");
    }
  }
}
