package io.dirsync.daemon.schedule;

import io.dirsync.daemon.config.DirectoryConfig;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * The Quartz jobs and triggers of a configuration. One job per directory, so that its full syncs and
 * delta polls exclude each other ({@link DirectoryJob} disallows concurrent execution); its triggers:
 *
 * <ul>
 *   <li>{@code ID.full}: the {@code schedule} cron, in the clock's time zone (UTC under systemd's
 *       {@code dirsync run}). Misfire (the pool was busy, or the directory was still running past the
 *       misfire threshold): fire once as soon as possible, then follow the cron.
 *   <li>{@code ID.delta}, only for connectors that list deltas: every {@code deltaEvery}, first one
 *       {@code deltaEvery} after start. Polls missed while a long run held the directory collapse into
 *       one poll, run as soon as the directory is free.
 *   <li>{@code ID.catch-up}: once, at start-up (or when a reload adds the directory), when the cron
 *       fired while the daemon was not running: the last full run started before the latest fire
 *       time of the cron, or there was no full run at all. Several missed nights give one run.
 * </ul>
 */
public final class Schedules {

  static final String GROUP = "dirsync";
  static final String DIRECTORY = "directory";
  static final String MODE = "mode";
  static final String FULL = "full";
  static final String DELTA = "delta";

  private Schedules() {
  }

  static JobKey jobKey(String directory) {
    return JobKey.jobKey(directory, GROUP);
  }

  static JobDetail job(DirectoryConfig d) {
    return JobBuilder.newJob(DirectoryJob.class).withIdentity(jobKey(d.id())).usingJobData(DIRECTORY, d.id())
        .storeDurably().build();
  }

  static Trigger full(DirectoryConfig d, ZoneId zone) {
    return TriggerBuilder.newTrigger().withIdentity(d.id() + ".full", GROUP).forJob(jobKey(d.id()))
        .usingJobData(MODE, FULL).withPriority(7)
        .withSchedule(CronScheduleBuilder.cronSchedule(d.schedule()).inTimeZone(TimeZone.getTimeZone(zone))
            .withMisfireHandlingInstructionFireAndProceed())
        .build();
  }

  static Trigger delta(DirectoryConfig d, Instant now) {
    return TriggerBuilder.newTrigger().withIdentity(d.id() + ".delta", GROUP).forJob(jobKey(d.id()))
        .usingJobData(MODE, DELTA).withPriority(5)
        .startAt(Date.from(now.plus(d.deltaEvery())))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(d.deltaEvery().toMillis())
            .repeatForever().withMisfireHandlingInstructionNowWithExistingCount())
        .build();
  }

  static Trigger catchUp(DirectoryConfig d) {
    return TriggerBuilder.newTrigger().withIdentity(d.id() + ".catch-up", GROUP).forJob(jobKey(d.id()))
        .usingJobData(MODE, FULL).withPriority(9).startNow()
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
  }

  /**
   * True when the cron fired since {@code lastFullStart} (or there was none): a full sync was missed.
   *
   * @param lastFullStart when the directory's last full run started, or null if it never had one
   */
  static boolean missed(DirectoryConfig d, Instant lastFullStart, Instant now, ZoneId zone) {
    if (lastFullStart == null) {
      return true;
    }
    Instant next = next(d.schedule(), lastFullStart, zone);
    return next != null && !next.isAfter(now);
  }

  /** The first fire time of {@code cron} strictly after {@code after}, or null if it never fires again. */
  static Instant next(String cron, Instant after, ZoneId zone) {
    try {
      CronExpression c = new CronExpression(cron);
      c.setTimeZone(TimeZone.getTimeZone(zone));
      Date d = c.getNextValidTimeAfter(Date.from(after));
      return d == null ? null : d.toInstant();
    } catch (ParseException e) {
      throw new IllegalArgumentException("invalid cron '" + cron + "' (the loader validates it)", e);
    }
  }
}
