package io.dirsync.google;

/**
 * The pacing's notion of elapsed time: a monotonic nanosecond counter and a way to wait until it
 * reaches a deadline. Not the context's {@code Clock}: a wall clock may be fixed (tests) or jump
 * (NTP), and pacing must neither spin nor stall on it. A dependency so tests of pacing run on
 * simulated time.
 */
interface Sleeper {

  /** {@link System#nanoTime()} and {@link Thread#sleep}. */
  Sleeper SYSTEM = new Sleeper() {
    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
      for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      }
    }
  };

  /** Now, in nanoseconds of an arbitrary origin; only differences mean anything. */
  long nanos();

  /** Returns once {@link #nanos()} has reached {@code deadline}. */
  void sleepUntil(long deadline) throws InterruptedException;
}
