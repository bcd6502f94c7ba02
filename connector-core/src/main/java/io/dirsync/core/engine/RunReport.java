package io.dirsync.core.engine;

import io.dirsync.core.snapshot.RunRecord;
import java.util.List;

/**
 * The result of one run.
 *
 * @param record what the audit trail keeps (outcome, counts, message)
 * @param plannedActions for a dry run, the actions the run would commit (bodies, in order,
 *     at most {@link SyncEngine#DRY_RUN_LIMIT}); empty otherwise
 * @param newlyHeld true when this run put the directory on hold (the alarm is raised once)
 */
public record RunReport(RunRecord record, List<String> plannedActions, boolean newlyHeld) {

  public boolean succeeded() {
    return "succeeded".equals(record.outcome());
  }

  public boolean held() {
    return "held".equals(record.outcome());
  }

  public boolean failed() {
    return "failed".equals(record.outcome());
  }
}
