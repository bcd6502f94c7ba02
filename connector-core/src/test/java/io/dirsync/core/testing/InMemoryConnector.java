package io.dirsync.core.testing;

import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.Cursor;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.core.spi.DeltaSink;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.GroupChange;
import io.dirsync.core.spi.ListingResult;
import io.dirsync.core.spi.MembershipChange;
import io.dirsync.core.spi.UserChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/**
 * A connector over an {@link InMemorySource}: pages of {@code pageSize}, a failing page on demand,
 * a hook called before each users page (tests block there to kill or race a run), and delta
 * rounds from the source's change log. Cursors are {@code seq:N}.
 */
public final class InMemoryConnector implements FullListing, DeltaListing, ConnectionCheck {

  private final InMemorySource source;
  private final int pageSize;
  private final Clock clock;
  private volatile int failUsersPage = -1;
  private volatile ConnectorException.Kind failKind = ConnectorException.Kind.TRANSIENT;
  private volatile boolean cursorExpired;
  private volatile IntConsumer beforeUsersPage = page -> { };
  public final CountDownLatch listed = new CountDownLatch(1);

  public InMemoryConnector(InMemorySource source, int pageSize, Clock clock) {
    this.source = source;
    this.pageSize = pageSize;
    this.clock = clock;
  }

  public void failUsersPage(int page, ConnectorException.Kind kind) {
    this.failUsersPage = page;
    this.failKind = kind;
  }

  public void expireCursors() {
    this.cursorExpired = true;
  }

  public void beforeUsersPage(IntConsumer hook) {
    this.beforeUsersPage = hook;
  }

  @Override
  public ListingResult listAll(FullListingSink sink) throws ConnectorException, InterruptedException {
    long startSeq = source.seq();
    List<User> users = source.users();
    for (int page = 0, from = 0; from < users.size(); page++, from += pageSize) {
      beforeUsersPage.accept(page);
      if (page == failUsersPage) {
        throw new ConnectorException(failKind, "users page " + page + " failed (HTTP 500)");
      }
      sink.users(users.subList(from, Math.min(users.size(), from + pageSize)));
    }
    sink.groups(source.groups());
    List<Membership> members = source.memberships();
    for (int from = 0; from < members.size(); from += pageSize) {
      sink.memberships(members.subList(from, Math.min(members.size(), from + pageSize)));
    }
    listed.countDown();
    return ListingResult.complete(new Cursor("seq:" + startSeq, clock.instant()));
  }

  @Override
  public Cursor listChanges(Cursor since, DeltaSink sink) throws ConnectorException, InterruptedException {
    if (cursorExpired || !since.value().startsWith("seq:")) {
      throw new ConnectorException(ConnectorException.Kind.CURSOR_EXPIRED, "sync state not found");
    }
    long from = Long.parseLong(since.value().substring(4));
    long to = source.seq();
    List<UserChange> users = new ArrayList<>();
    List<GroupChange> groups = new ArrayList<>();
    List<MembershipChange> members = new ArrayList<>();
    for (InMemorySource.Change c : source.changesSince(from)) {
      switch (c.kind()) {
        case "user" -> {
          User u = source.user(c.id());
          users.add(u == null ? new UserChange.Removed(c.id(), true) : UserChange.Upsert.complete(u));
        }
        case "user-removed" -> users.add(new UserChange.Removed(c.id(), c.permanent()));
        case "group" -> {
          var g = source.group(c.id());
          groups.add(g == null ? new GroupChange.Removed(c.id(), true) : GroupChange.Upsert.complete(g));
        }
        case "group-removed" -> groups.add(new GroupChange.Removed(c.id(), true));
        case "member-added" -> members.add(new MembershipChange(c.membership(), true));
        case "member-removed" -> members.add(new MembershipChange(c.membership(), false));
        default -> throw new IllegalStateException(c.kind());
      }
    }
    sink.userChanges(users);
    sink.groupChanges(groups);
    sink.membershipChanges(members);
    return new Cursor("seq:" + to, clock.instant());
  }

  @Override
  public String checkConnection() {
    return "in-memory source with " + source.users().size() + " users";
  }
}
