package io.dirsync.core.engine;

/**
 * How to run a directory once.
 *
 * @param full ignore the saved delta cursor and list everything (the manual full resync)
 * @param dryRun fetch, diff and report the plan, commit nothing
 * @param allowDeletions let this one run pass the deletion threshold
 */
public record RunOptions(boolean full, boolean dryRun, boolean allowDeletions) {
  public static final RunOptions SCHEDULED = new RunOptions(false, false, false);
}
