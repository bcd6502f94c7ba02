package io.dirsync.daemon.schedule;

import sun.misc.Signal;

/**
 * SIGTERM and SIGHUP for {@code dirsync run}, through {@code sun.misc.Signal} of the JDK's
 * {@code jdk.unsupported} module: the supported, reflection-free way to handle a signal in Java 17+
 * (it is exported to the class path; nothing else catches a SIGHUP). Handling SIGTERM ourselves
 * replaces the JVM's default exit, so shutdown hooks do not run on it: the daemon stops itself and
 * returns its exit code. The handlers run on a JVM signal thread and only hand the daemon an event.
 */
public final class Signals {

  private Signals() {
  }

  /** Routes SIGTERM (and SIGINT, for a terminal's Ctrl-C) to {@code onTerm}, SIGHUP to {@code onHup}. */
  public static void install(Runnable onTerm, Runnable onHup) {
    Signal.handle(new Signal("TERM"), s -> onTerm.run());
    Signal.handle(new Signal("INT"), s -> onTerm.run());
    Signal.handle(new Signal("HUP"), s -> onHup.run());
  }
}
