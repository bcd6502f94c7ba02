package io.dirsync.daemon.schedule;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Gives every {@link DirectoryJob} the daemon's runner: collaborators by construction, no statics. */
final class DirectoryJobFactory implements JobFactory {

  private final DirectoryJob.Runner runner;

  DirectoryJobFactory(DirectoryJob.Runner runner) {
    this.runner = runner;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    if (type != DirectoryJob.class) {
      throw new SchedulerException("dirsync schedules only DirectoryJob, not " + type.getName());
    }
    return new DirectoryJob(runner);
  }
}
