package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.Resource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to API and token endpoint, trusting the JVM's store plus the configured CA file. */
class GoogleTlsTest {

  @TempDir
  Path dir;

  private static GoogleConnector connector(EmulatedGoogle google, Optional<Path> caFile) {
    return new GoogleConnectorFactory().create(google.config(),
        new ConnectorContext("acme", NestedGroups.DIRECT, Clock.systemUTC(), caFile));
  }

  @Test
  void listsOverHttpsWhenTheCaFileTrustsTheServer() throws Exception {
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().https().users(20).groups(2).start(),
        dir)) {
      assertThat(google.emulator.rootUrl()).startsWith("https://");
      Path ca = google.emulator.writeCaCertificate(dir.resolve("ca.pem"));
      Listed got = Listed.of(connector(google, Optional.of(ca)));
      assertThat(got.users).hasSize(google.emulator.userCount());
      assertThat(google.emulator.journal().requests(Resource.TOKEN)).hasSize(1);
    }
  }

  @Test
  void anUntrustedCertificateIsAConfigurationProblemNamingTheCaFile() throws Exception {
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().https().users(5).groups(1).start(),
        dir)) {
      ConnectorException e = catchThrowableOfType(ConnectorException.class,
          () -> connector(google, Optional.empty()).listAll(new Listed()));
      assertThat(e.kind()).isEqualTo(ConnectorException.Kind.MISCONFIGURED);
      assertThat(e.getMessage()).contains("tls.caFile");
    }
  }
}
