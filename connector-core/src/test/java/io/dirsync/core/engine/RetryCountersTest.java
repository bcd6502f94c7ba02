package io.dirsync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RecordingSleeper;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.ListingResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retry layer's counters of a run land in its run record, per run, failed runs included. */
class RetryCountersTest {

  @TempDir
  Path tmp;

  /** Reads a "token" through the retry layer, which the script throttles and fails, then lists. */
  private static final class Throttled implements FullListing {
    final DirectoryResilience resilience;
    final FullListing inner;
    final AtomicInteger throttles = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();

    Throttled(DirectoryResilience resilience, FullListing inner) {
      this.resilience = resilience;
      this.inner = inner;
    }

    @Override
    public ListingResult listAll(FullListingSink sink) throws ConnectorException, InterruptedException {
      resilience.call("token", () -> {
        if (throttles.getAndDecrement() > 0) {
          throw ConnectorException.rateLimited("429", Duration.ofMillis(2128));
        }
        if (failures.getAndDecrement() > 0) {
          throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "503");
        }
        return "ok";
      });
      return inner.listAll(sink);
    }
  }

  @Test
  void retriesThrottlesAndWaitsOfEachRunAreRecorded() {
    EngineFixture f = new EngineFixture(tmp);
    f.seed(3);
    RecordingSleeper sleeper = new RecordingSleeper();
    DirectoryResilience resilience = new DirectoryResilience(EngineFixture.DIR, new RetryConfig(3, null, null, 0d,
        null, null, null, null), RateLimitConfig.UNLIMITED, Clock.systemUTC(), sleeper);
    Throttled connector = new Throttled(resilience, f.connector);

    connector.throttles.set(2);
    RunReport first = f.engine.run(EngineFixture.DIR, connector, f.safety, RunOptions.SCHEDULED, resilience);
    assertThat(first.succeeded()).isTrue();
    assertThat(counters(first.record())).containsExactly(2, 2, 4256L);

    connector.failures.set(5);
    RunReport second = f.engine.run(EngineFixture.DIR, connector, f.safety, RunOptions.SCHEDULED, resilience);
    assertThat(second.failed()).isTrue();
    assertThat(second.record().message()).contains("gave up after 3 attempts");
    assertThat(counters(second.record())).as("a fresh meter per run").containsExactly(2, 0, 3000L);

    RunRecord stored = f.store.lastRun(EngineFixture.DIR).orElseThrow();
    assertThat(counters(stored)).containsExactly(2, 0, 3000L);
    assertThat(f.store.runs(Optional.of(EngineFixture.DIR), 10)).extracting(RunRecord::throttled).contains(2);
  }

  @Test
  void withoutARetryLayerTheCountersAreZero() {
    EngineFixture f = new EngineFixture(tmp);
    f.seed(2);
    assertThat(counters(f.full().record())).containsExactly(0, 0, 0L);
  }

  private static Object[] counters(RunRecord r) {
    return new Object[] {r.retries(), r.throttled(), r.waitedMs()};
  }
}
