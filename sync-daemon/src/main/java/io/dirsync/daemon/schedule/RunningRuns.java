package io.dirsync.daemon.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The threads running a directory right now, so that shutdown can wait for them or interrupt them. */
final class RunningRuns {

  private final Map<Thread, String> running = new ConcurrentHashMap<>();
  private final Runnable onEnd;

  /** @param onEnd called after each run ends (the daemon's event loop wakes up) */
  RunningRuns(Runnable onEnd) {
    this.onEnd = onEnd;
  }

  void enter(String directory) {
    running.put(Thread.currentThread(), directory);
  }

  void exit() {
    running.remove(Thread.currentThread());
    onEnd.run();
  }

  int count() {
    return running.size();
  }

  String directories() {
    return String.join(", ", running.values().stream().sorted().toList());
  }

  void interruptAll() {
    running.keySet().forEach(Thread::interrupt);
  }
}
