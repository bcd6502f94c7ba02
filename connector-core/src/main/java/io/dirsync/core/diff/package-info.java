/**
 * The diff: pure rules ({@link io.dirsync.core.diff.Decide}) that turn "what the snapshot holds"
 * and "what the source says" into actions and new snapshot state, one object at a time. The engine
 * feeds it by a sorted merge (full runs) or by the objects a delta touched.
 */
package io.dirsync.core.diff;
