package io.dirsync.daemon.schedule;

import java.util.Properties;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;

/**
 * A Quartz scheduler in memory (RAMJobStore: the schedule comes from the configuration at every start;
 * what ran is in the state database), with daemon threads so that a stuck run never holds the JVM.
 */
final class QuartzFactory {

  /**
   * A trigger late by more than this misfires and its misfire policy applies ({@link Schedules}): low, so
   * that a trigger held up by a long run fires once when the run ends instead of catching up in a burst.
   */
  static final long MISFIRE_THRESHOLD_MS = 1_000;

  private QuartzFactory() {
  }

  static Scheduler create(int poolSize, JobFactory jobs) throws SchedulerException {
    Properties p = new Properties();
    // a unique name: Quartz keeps schedulers in a JVM-wide repository by name
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "dirsync-" + UUID.randomUUID());
    p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
    p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(poolSize));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "dirsync-run");
    p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
    Scheduler s = new StdSchedulerFactory(p).getScheduler();
    s.setJobFactory(jobs);
    return s;
  }
}
