package io.dirsync.daemon.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * One scheduled run of one directory. There is one Quartz job per directory and it never runs
 * concurrently with itself, so a full sync and a delta poll of a directory exclude each other while
 * different directories run in parallel on the pool. Made by {@link DirectoryJobFactory}.
 */
@DisallowConcurrentExecution
final class DirectoryJob implements Job {

  /** What a job does; the daemon implements it. */
  interface Runner {
    /** Runs {@code directory} once, a full sync or a delta poll; never throws for a failed run. */
    void run(String directory, boolean full);
  }

  private final Runner runner;

  DirectoryJob(Runner runner) {
    this.runner = runner;
  }

  @Override
  public void execute(JobExecutionContext context) {
    var data = context.getMergedJobDataMap();
    runner.run(data.getString(Schedules.DIRECTORY), Schedules.FULL.equals(data.getString(Schedules.MODE)));
  }
}
