package io.dirsync.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.daemon.config.DirectoryConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.CronTrigger;
import org.quartz.SimpleTrigger;
import org.quartz.impl.JobDetailImpl;

/** Jobs, triggers and the misfire policy of {@link Schedules}. */
class SchedulesTest {

  private static final DirectoryConfig ACME = new DirectoryConfig("acme", "gated", "0 0 2 * * ?",
      Duration.ofMinutes(15), SafetyPolicy.DEFAULT, NestedGroups.DIRECT, null, null);

  @ParameterizedTest(name = "last full {0}, now {1}: missed={2}")
  @CsvSource({
      ",                     2026-03-01T10:00:00Z, true",   // never had a full sync
      "2026-03-01T02:00:00Z, 2026-03-01T10:00:00Z, false",  // tonight's ran
      "2026-02-28T02:00:00Z, 2026-03-01T10:00:00Z, true",   // tonight's missed
      "2026-02-20T02:00:00Z, 2026-03-01T10:00:00Z, true",   // many missed: still one catch-up
      "2026-02-28T02:00:00Z, 2026-03-01T01:59:59Z, false",  // not due yet
  })
  void aFullSyncIsMissedWhenTheCronFiredSinceTheLastOne(Instant lastFull, Instant now, boolean missed) {
    assertThat(Schedules.missed(ACME, lastFull, now, ZoneOffset.UTC)).isEqualTo(missed);
  }

  @Test
  void oneJobPerDirectoryThatNeverRunsConcurrentlyWithItself() {
    var job = Schedules.job(ACME);
    assertThat(job.getKey()).isEqualTo(Schedules.jobKey("acme"));
    assertThat(job.isConcurrentExecutionDisallowed()).isTrue();
    assertThat(((JobDetailImpl) job).getJobClass()).isEqualTo(DirectoryJob.class);
    assertThat(Schedules.full(ACME, ZoneOffset.UTC).getJobKey()).isEqualTo(job.getKey());
    assertThat(Schedules.delta(ACME, Instant.EPOCH).getJobKey()).isEqualTo(job.getKey());
  }

  @Test
  void aMissedFullSyncFiresOnceAndMissedDeltaPollsCollapseIntoOne() {
    CronTrigger full = (CronTrigger) Schedules.full(ACME, ZoneOffset.UTC);
    assertThat(full.getCronExpression()).isEqualTo("0 0 2 * * ?");
    assertThat(full.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
    SimpleTrigger delta = (SimpleTrigger) Schedules.delta(ACME, Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(delta.getRepeatInterval()).isEqualTo(Duration.ofMinutes(15).toMillis());
    assertThat(delta.getRepeatCount()).isEqualTo(SimpleTrigger.REPEAT_INDEFINITELY);
    assertThat(delta.getStartTime().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
    assertThat(delta.getMisfireInstruction())
        .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT);
    assertThat(Schedules.catchUp(ACME).getJobDataMap().getString(Schedules.MODE)).isEqualTo(Schedules.FULL);
  }

  @Test
  void theJobFactoryHandsEveryJobTheDaemonsRunner() throws Exception {
    StringBuilder ran = new StringBuilder();
    DirectoryJobFactory factory = new DirectoryJobFactory((d, full) -> ran.append(d).append(full ? " full" : " delta"));
    var bundle = new org.quartz.spi.TriggerFiredBundle(Schedules.job(ACME),
        (org.quartz.spi.OperableTrigger) Schedules.full(ACME, ZoneOffset.UTC), null, false, null, null, null, null);
    assertThat(factory.newJob(bundle, null)).isInstanceOf(DirectoryJob.class);
  }
}
