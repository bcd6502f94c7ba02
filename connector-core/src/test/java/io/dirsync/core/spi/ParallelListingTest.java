package io.dirsync.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelListingTest {

  /** Records pages and counts calls that overlapped another. */
  static final class Recording implements FullListingSink {
    final List<String> got = new ArrayList<>();
    final AtomicInteger inside = new AtomicInteger();
    int overlapping;

    private void call(String what) {
      if (inside.incrementAndGet() > 1) {
        overlapping++;
      }
      got.add(what);
      inside.decrementAndGet();
    }

    @Override
    public void users(List<User> page) {
      call("users " + page.get(0).id());
    }

    @Override
    public void groups(List<Group> page) {
      call("groups " + page.get(0).id());
    }

    @Override
    public void memberships(List<Membership> page) {
      call("members");
    }
  }

  @Test
  void bothPartsRunAtOnceAndTheSinkIsCalledOneCallAtATime() throws Exception {
    Recording sink = new Recording();
    CountDownLatch bothStarted = new CountDownLatch(2);
    ParallelListing.run("test-side", sink, s -> {
      bothStarted.countDown();
      assertThat(bothStarted.await(30, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 2000; i++) {
        s.users(List.of(User.empty("u" + i)));
      }
    }, s -> {
      bothStarted.countDown();
      assertThat(bothStarted.await(30, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 2000; i++) {
        s.groups(List.of(new Group("g" + i, null, null, null)));
      }
    });
    assertThat(sink.got).hasSize(4000);
    assertThat(sink.overlapping).isZero();
  }

  @Test
  void aFailureOfTheSidePartStopsTheMainPartAndIsWhatIsThrown() {
    Thread caller = Thread.currentThread();
    assertThatThrownBy(() -> ParallelListing.run("test-side", new Recording(), s -> {
      throw new ConnectorException(ConnectorException.Kind.AUTH_FAILED, "403 on users page 3");
    }, s -> new CountDownLatch(1).await(5, TimeUnit.MINUTES))) // until the side part's failure interrupts it
        .isInstanceOf(ConnectorException.class).hasMessage("403 on users page 3");
    assertThat(caller.isInterrupted()).as("the side part's interrupt does not outlive the listing").isFalse();
  }

  @Test
  void aFailureOfTheMainPartStopsTheSidePartAndWaitsForIt() {
    AtomicBoolean sideEnded = new AtomicBoolean();
    CountDownLatch sideWaiting = new CountDownLatch(1);
    assertThatThrownBy(() -> ParallelListing.run("test-side", new Recording(), s -> {
      try {
        sideWaiting.countDown();
        new CountDownLatch(1).await(5, TimeUnit.MINUTES);
      } finally {
        sideEnded.set(true);
      }
    }, s -> {
      assertThat(sideWaiting.await(30, TimeUnit.SECONDS)).isTrue();
      throw new IllegalStateException("disk full");
    })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
    assertThat(sideEnded).as("the side part ended before run returned").isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
