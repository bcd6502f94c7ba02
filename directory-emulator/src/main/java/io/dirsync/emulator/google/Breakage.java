package io.dirsync.emulator.google;

/** A broken answer rather than an error answer, for {@link GoogleFaults#breakNext}. */
public enum Breakage {
  /**
   * The connection is closed without any response: the client sees an I/O error. JDK HTTP clients
   * (HttpURLConnection, so NetHttpTransport, and java.net.http) repeat a GET once on their own when
   * this happens, so break two requests to make one call fail.
   */
  DROP_CONNECTION,
  /** A 200 whose JSON body stops halfway (Content-Length matches what is sent). */
  TRUNCATED_BODY
}
