package io.dirsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);

  @ParameterizedTest(name = "''{0}'' -> {1} ms")
  @CsvSource(value = {
      "10|10000", "2.128|2128", "0.5|500", "0|0", " 3 |3000", "120|120000",
      "Wed, 21 Oct 2026 07:28:30 GMT|30000", "Wed, 21 Oct 2026 07:00:00 GMT|0",
      "Wed, 21 Oct 2026 09:28:00 +0200|0",
      "-1|", "soon|", "''|", "NaN|", "1e400|", "Infinity|", "10s|"}, delimiter = '|')
  void readsEveryFormServersSend(String header, Long millis) {
    assertThat(RetryAfter.parse(header, CLOCK)).isEqualTo(Optional.ofNullable(millis).map(Duration::ofMillis));
  }

  @ParameterizedTest
  @CsvSource({"Retry-After", "retry-after", "RETRY-AFTER"})
  void findsTheHeaderInAnyCase(String name) {
    assertThat(RetryAfter.fromHeaders(Map.of("Content-Type", List.of("x"), name, List.of("2.128")), CLOCK))
        .contains(Duration.ofMillis(2128));
    assertThat(RetryAfter.fromHeaders(Map.of("Content-Type", List.of("x")), CLOCK)).isEmpty();
    assertThat(RetryAfter.fromHeaders(null, CLOCK)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"2026-10-21T07:28:30Z"})
  void formatsHttpDatesItCanRead(Instant at) {
    assertThat(RetryAfter.httpDate(at)).isEqualTo("Wed, 21 Oct 2026 07:28:30 GMT");
    assertThat(RetryAfter.parse(RetryAfter.httpDate(at), CLOCK)).contains(Duration.ofSeconds(30));
  }
}
