package io.dirsync.emulator.common;

/**
 * Turns on TCP_NODELAY for the JDK's built-in HTTP server before the first one is created. Without
 * it every response of the emulators stalled about 40 ms on Nagle's algorithm meeting delayed
 * ACKs, so a bench or a test measured the stall rather than the client (docs/benchmarks.md). The
 * JDK reads the property once, when its server configuration class loads; an explicit
 * {@code -Dsun.net.httpserver.nodelay} on the command line wins.
 */
public final class NoDelay {

  private NoDelay() {
  }

  public static void enable() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }
}
