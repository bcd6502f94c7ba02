package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.odataerrors.MainError;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ApiExceptionBuilder;
import io.dirsync.azure.internal.GraphErrorClassifier;
import io.dirsync.core.contract.Collected;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.dirsync.core.spi.FullListing;
import io.dirsync.emulator.graph.GraphEmulator;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Failures classified into the core's typed set, through the SDK and in the classifier alone. */
class AzureErrorsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);
  private final GraphErrorClassifier classifier = new GraphErrorClassifier(CLOCK);
  private EmulatedAzure azure;

  @BeforeEach
  void start() {
    azure = EmulatedAzure.start(GraphEmulator.builder().users(5).groups(1));
  }

  @AfterEach
  void stop() throws Exception {
    azure.close();
  }

  private ConnectorException listingFailure() {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() ->
        ((FullListing) azure.connector()).listAll(new Collected()));
    assertThat(t).isInstanceOf(ConnectorException.class);
    return (ConnectorException) t;
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource(value = {"10,10000", "2.128,2128", "0.5,500", "'',", "soon,"}, nullValues = "")
  void throttlingIsRateLimitedWithTheRetryAfterGraphSent(String header, Long millis) {
    azure.emulator.faults().throttleNext(1, header);
    ConnectorException e = listingFailure();
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Optional.ofNullable(millis).map(Duration::ofMillis));
  }

  @Test
  void retryAfterMayBeAnHttpDate() {
    assertThat(classifier.parseRetryAfter("Wed, 21 Oct 2026 07:28:30 GMT")).contains(Duration.ofSeconds(30));
    assertThat(classifier.parseRetryAfter("Wed, 21 Oct 2026 07:00:00 GMT")).contains(Duration.ZERO);
    assertThat(classifier.parseRetryAfter("-1")).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({"500", "503", "504"})
  void serverErrorsAreTransient(int status) {
    azure.emulator.faults().failNext(1, status);
    assertThat(listingFailure().kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void anUnreachableGraphIsTransient() throws Exception {
    azure.connector();
    azure.emulator.close();
    assertThat(listingFailure().kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void aFailingTokenEndpointIsTransient() {
    azure.emulator.faults().failTokenRequests(10, 503);
    assertThat(listingFailure().kind()).isEqualTo(Kind.TRANSIENT);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "400, syncStateNotFound, CURSOR_EXPIRED",
      "400, SyncStateNotFound, CURSOR_EXPIRED",
      "410, SYNCSTATENOTFOUND, CURSOR_EXPIRED",
      "410, resyncRequired, CURSOR_EXPIRED",
      "400, ResyncRequired, CURSOR_EXPIRED",
      "410, , CURSOR_EXPIRED",
      "401, InvalidAuthenticationToken, AUTH_FAILED",
      "403, Authorization_RequestDenied, AUTH_FAILED",
      "400, Request_UnsupportedQuery, MISCONFIGURED",
      "404, Request_ResourceNotFound, MISCONFIGURED",
      "429, TooManyRequests, RATE_LIMITED",
      "503, serviceNotAvailable, TRANSIENT"})
  void graphErrorsAreClassifiedByStatusAndCode(int status, String code, Kind kind) throws Exception {
    assertThat(classifier.classify(odataError(status, code), "users").kind()).isEqualTo(kind);
  }

  @Test
  void authMessagesSayWhatToDo() throws Exception {
    assertThat(classifier.classify(odataError(403, "Authorization_RequestDenied"), "users").getMessage())
        .contains("User.Read.All", "GroupMember.Read.All", "admin consent");
    assertThat(classifier.classify(odataError(401, "InvalidAuthenticationToken"), "users").getMessage())
        .contains("tenantId", "clientId");
  }

  @Test
  void anInterruptStaysAnInterrupt() {
    assertThatThrownBy(() -> classifier.classify(new RuntimeException(new InterruptedIOException("interrupted")), "users"))
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void aTimeoutIsTransientNotAnInterrupt() throws Exception {
    assertThat(classifier.classify(new RuntimeException(new SocketTimeoutException("read timed out")), "users").kind())
        .isEqualTo(Kind.TRANSIENT);
  }

  private static ApiException odataError(int status, String code) {
    ODataError error = new ODataError();
    if (code != null) {
      MainError main = new MainError();
      main.setCode(code);
      error.setError(main);
    }
    return new ApiExceptionBuilder(() -> error).withResponseStatusCode(status).build();
  }
}
