package io.dirsync.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The connectors' concurrent member listings run on this; their own tests use it through the SDKs. */
class ConcurrentListingTest {

  private static List<String> keys(int n) {
    return IntStream.range(0, n).mapToObj(i -> "g" + i).toList();
  }

  @Test
  void everyKeysPagesReachTheCallingThreadWithNeverMoreThanMaxConcurrencyInFlight() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch allBusy = new CountDownLatch(3);
    Thread caller = Thread.currentThread();
    List<String> got = new ArrayList<>();
    new ConcurrentListing<String>(3, "test-workers", "test listing").listAll(keys(20), (key, out) -> {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      allBusy.countDown();
      // the first three hold on until all three are in flight at once
      assertThat(allBusy.await(30, TimeUnit.SECONDS)).isTrue();
      out.page(List.of(key + "/a", key + "/b"));
      inFlight.decrementAndGet();
    }, page -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      got.addAll(page);
    });
    assertThat(peak).hasValue(3);
    assertThat(got).hasSize(40).doesNotHaveDuplicates().contains("g0/a", "g19/b");
  }

  @Test
  void theFirstFailureStopsEveryWorkerAndReturnsOnlyOnceTheyHaveEnded() {
    AtomicBoolean otherEnded = new AtomicBoolean();
    CountDownLatch otherWaiting = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    ConcurrentListing<String> listing = new ConcurrentListing<>(2, "test-workers", "test listing");
    assertThatThrownBy(() -> listing.listAll(keys(10), (key, out) -> {
      if (started.getAndIncrement() == 0) {
        try {
          otherWaiting.countDown();
          new CountDownLatch(1).await(5, TimeUnit.MINUTES); // until the stop interrupts it
        } finally {
          otherEnded.set(true);
        }
      } else {
        assertThat(otherWaiting.await(30, TimeUnit.SECONDS)).isTrue();
        throw new ConnectorException(ConnectorException.Kind.AUTH_FAILED, "403 on " + key);
      }
    }, page -> { })).isInstanceOf(ConnectorException.class).hasMessageStartingWith("403 on g");
    assertThat(otherEnded).as("the other worker ended before listAll returned").isTrue();
    assertThat(started).as("no key was started after the failure").hasValue(2);
  }
}
