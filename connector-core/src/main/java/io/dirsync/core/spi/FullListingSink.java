package io.dirsync.core.spi;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import java.util.List;

/**
 * Receives the pages of a full listing, in any order and interleaving. Objects may repeat
 * (the last one wins). Memberships may name members that were not listed (out of scope): the
 * engine drops them. Called from one thread at a time; implementations are not thread-safe, so a
 * connector that fetches concurrently must serialise its calls.
 *
 * <p>A sink method may throw {@link InterruptedException} or a runtime exception to stop the
 * listing; the connector must let it propagate.
 */
public interface FullListingSink {

  void users(List<User> page) throws InterruptedException;

  void groups(List<Group> page) throws InterruptedException;

  void memberships(List<Membership> page) throws InterruptedException;
}
