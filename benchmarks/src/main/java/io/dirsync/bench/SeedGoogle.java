package io.dirsync.bench;

import io.dirsync.emulator.google.GoogleEmulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 8: how long the Google emulator takes to seed a domain of {@code users} users and
 * {@code groups} groups (its own {@code DomainSeeder}), then to start serving. Prints wall and CPU
 * time of the seeding thread, the counts, and the load average (the machine is shared).
 *
 * <p>{@code java -Xmx512m -cp benchmarks/target/benchmarks.jar io.dirsync.bench.SeedGoogle [users]
 * [groups] [reps]}
 */
public final class SeedGoogle {

  private SeedGoogle() {
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int groups = args.length > 1 ? Integer.parseInt(args[1]) : users / 10;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int rep = 0; rep < reps; rep++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      try (GoogleEmulator emu = GoogleEmulator.builder().users(users).groups(groups).start()) {
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        System.out.printf("seed users=%d groups=%d: %d users, %d groups in %.2f s wall, %.2f s CPU; load %s%n",
            users, groups, emu.userCount(), emu.groupCount(), wall / 1e9, cpu / 1e9, load());
      }
    }
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "?";
    }
  }
}
