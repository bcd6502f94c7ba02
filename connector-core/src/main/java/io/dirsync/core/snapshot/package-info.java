/**
 * The snapshot: what dirsync last committed about each directory (users, groups, memberships, the
 * delta cursor, runs, holds) and the outbox of actions. {@code snapshot.sqlite} is the only code
 * that talks to the database.
 */
package io.dirsync.core.snapshot;
