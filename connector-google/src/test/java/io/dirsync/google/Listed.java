package io.dirsync.google;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.ListingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sink that keeps everything and checks it is never called from two threads at once. */
class Listed implements FullListingSink {
  final Map<String, User> users = new LinkedHashMap<>();
  final Map<String, Group> groups = new LinkedHashMap<>();
  final List<Membership> memberships = new ArrayList<>();
  final List<Thread> callers = new ArrayList<>();
  /** Calls that began while another was still running: must stay 0. */
  volatile int overlapping;
  private final java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
  ListingResult result;

  static Listed of(GoogleConnector connector) throws Exception {
    Listed l = new Listed();
    l.result = connector.listAll(l);
    return l;
  }

  @Override
  public void users(List<User> page) {
    enter();
    try {
      callers.add(Thread.currentThread());
      page.forEach(u -> users.put(u.id(), u));
    } finally {
      inside.decrementAndGet();
    }
  }

  @Override
  public void groups(List<Group> page) {
    enter();
    try {
      callers.add(Thread.currentThread());
      page.forEach(g -> groups.put(g.id(), g));
    } finally {
      inside.decrementAndGet();
    }
  }

  @Override
  public void memberships(List<Membership> page) {
    enter();
    try {
      callers.add(Thread.currentThread());
      memberships.addAll(page);
    } finally {
      inside.decrementAndGet();
    }
  }

  private void enter() {
    if (inside.incrementAndGet() > 1) {
      overlapping++;
    }
  }

  User user(String email) {
    return users.values().stream().filter(u -> email.equalsIgnoreCase(u.userName())).findFirst()
        .orElseThrow(() -> new AssertionError("no user " + email));
  }

  List<Membership> of(String groupId) {
    return memberships.stream().filter(m -> m.groupId().equals(groupId)).toList();
  }
}
