package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.Secret;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client-credentials flow against the emulator's token endpoint: secrets, certificates, clouds, TLS. */
class AzureAuthTest {

  @TempDir
  Path dir;

  private static AzureConfig config(GraphEmulator emu, Secret secret, Path secretFile, Path certificate, String cloud) {
    return new AzureConfig(emu.tenantId(), emu.clientId(), secret, secretFile, certificate, null, cloud,
        new AzureConfig.Endpoints(emu.graphUrl(), emu.loginUrl()), null, null, Map.of());
  }

  private static ConnectorException checkFails(Connector c) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ((ConnectionCheck) c).checkConnection());
    assertThat(t).isInstanceOf(ConnectorException.class);
    return (ConnectorException) t;
  }

  @Test
  void aWrongSecretIsAuthFailedAndTheMessageHoldsNoSecret() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(2).groups(0))) {
      String wrong = "wrong-secret-value-123";
      try (Connector c = azure.create(config(azure.emulator, new Secret(wrong), null, null, "global"),
          azure.context(NestedGroups.DIRECT, azure.emulator.clock()))) {
        ConnectorException e = checkFails(c);
        assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
        assertThat(e.getMessage()).contains("AADSTS7000215").doesNotContain(wrong);
        assertThat(azure.emulator.journal().graphRequests()).isEmpty();
      }
    }
  }

  @Test
  void theSecretMayComeFromAFile() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(2).groups(0))) {
      Path file = Files.writeString(dir.resolve("secret"), azure.emulator.clientSecret() + "\n");
      try (Connector c = azure.create(config(azure.emulator, null, file, null, "global"),
          azure.context(NestedGroups.DIRECT, azure.emulator.clock()))) {
        assertThat(((ConnectionCheck) c).checkConnection()).contains("token ok");
      }
    }
  }

  @Test
  void aCertificateSignsTheClientAssertion() throws Exception {
    HeldCertificate app = new HeldCertificate.Builder().commonName("dirsync-app").rsa2048().build();
    Path pem = Files.writeString(dir.resolve("app.pem"), app.privateKeyPkcs8Pem() + app.certificatePem());
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(2).groups(0)
        .clientCertificate(app.certificate()))) {
      try (Connector c = azure.create(config(azure.emulator, null, null, pem, "global"),
          azure.context(NestedGroups.DIRECT, azure.emulator.clock()))) {
        assertThat(((ConnectionCheck) c).checkConnection()).contains("token ok");
      }
    }
  }

  @Test
  void aNationalCloudAsksForItsOwnScope() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(2).groups(0)
        .graphScopeRoot("https://graph.microsoft.us"))) {
      ConnectorContext ctx = azure.context(NestedGroups.DIRECT, azure.emulator.clock());
      Secret secret = new Secret(azure.emulator.clientSecret());
      try (Connector usgov = azure.create(config(azure.emulator, secret, null, null, "usgov"), ctx)) {
        assertThat(((ConnectionCheck) usgov).checkConnection()).contains("token ok");
      }
      try (Connector global = azure.create(config(azure.emulator, secret, null, null, "global"), ctx)) {
        ConnectorException e = checkFails(global);
        assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
        assertThat(e.getMessage()).contains("AADSTS70011");
      }
    }
  }

  @Test
  void theTokenGoesToTheConfiguredGraphHost() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(2).groups(0))) {
      ((ConnectionCheck) azure.connector()).checkConnection();
      assertThat(azure.emulator.journal().graphRequests()).allSatisfy(r ->
          assertThat(r.authorization()).isEqualTo("Bearer"));
      assertThat(azure.emulator.journal().matching(GraphRequest::isToken)).isNotEmpty();
    }
  }

  @Test
  void anUntrustedServerCertificateIsAConfigurationProblem() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(2).groups(0))) {
      ConnectorContext noCa = new ConnectorContext("contoso", NestedGroups.DIRECT, azure.emulator.clock(), Optional.empty());
      try (Connector c = azure.create(azure.config(), noCa)) {
        ConnectorException e = checkFails(c);
        assertThat(e.kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(e.getMessage()).contains("tls.caFile");
      }
    }
  }

  @Test
  void oneTokenServesEveryPageUntilItExpiresOnTheClock() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(30).groups(3).listPageCap(5))) {
      GraphEmulator emu = azure.emulator;
      FullListing listing = (FullListing) azure.connector();
      listing.listAll(new io.dirsync.core.contract.Collected());
      assertThat(emu.journal().graphRequests()).hasSizeGreaterThan(10);
      assertThat(emu.journal().matching(GraphRequest::isToken)).hasSize(1);

      emu.clock().advance(java.time.Duration.ofSeconds(3600));
      listing.listAll(new io.dirsync.core.contract.Collected());
      assertThat(emu.journal().matching(GraphRequest::isToken)).as("a new token after expiry").hasSize(2);
    }
  }

  @Test
  void aRefusedTokenIsDroppedSoTheNextAttemptGetsAFreshOne() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(3).groups(0))) {
      ConnectionCheck check = (ConnectionCheck) azure.connector();
      check.checkConnection();
      azure.emulator.revokeAccessTokens();
      ConnectorException e = checkFails(azure.connector());
      assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
      assertThat(check.checkConnection()).contains("token ok");
      assertThat(azure.emulator.journal().matching(GraphRequest::isToken)).hasSize(2);
    }
  }
}
