package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.ConnectorFactory;
import io.dirsync.core.spi.ConnectorRegistry;
import io.dirsync.core.spi.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureConfigTest {

  private static final String TENANT = "8d3f1c2a-5b6e-4f70-9a81-2c3d4e5f6a7b";
  private static final String CLIENT = "2f6c0d9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
  private static final Secret SECRET = new Secret("s3cr3t-value");

  private static AzureConfig with(String tenant, String client, Secret secret, Path secretFile, Path cert,
      String cloud, AzureConfig.Endpoints endpoints, Map<String, String> attributes) {
    return new AzureConfig(tenant, client, secret, secretFile, cert, null, cloud, endpoints, null, null, attributes);
  }

  private static AzureConfig valid() {
    return with(TENANT, CLIENT, SECRET, null, null, null, null, null);
  }

  private static String keyOf(Runnable r) {
    try {
      r.run();
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain(SECRET.reveal());
      return e.key();
    }
    throw new AssertionError("no ConfigException");
  }

  @Test
  void defaultsToTheGlobalCloud() {
    AzureConfig c = valid();
    assertThat(c.azureCloud()).isEqualTo(AzureCloud.GLOBAL);
    assertThat(c.graphEndpoint()).isEqualTo("https://graph.microsoft.com/v1.0");
    assertThat(c.loginEndpoint()).isEqualTo("https://login.microsoftonline.com");
    assertThat(c.attributes()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"usgov, https://graph.microsoft.us/v1.0, https://login.microsoftonline.us",
      "usgov-dod, https://dod-graph.microsoft.us/v1.0, https://login.microsoftonline.us",
      "china, https://microsoftgraph.chinacloudapi.cn/v1.0, https://login.chinacloudapi.cn"})
  void nationalCloudsChooseTheirHosts(String cloud, String graph, String login) {
    AzureConfig c = with(TENANT, CLIENT, SECRET, null, null, cloud, null, null);
    assertThat(c.graphEndpoint()).isEqualTo(graph);
    assertThat(c.loginEndpoint()).isEqualTo(login);
  }

  @Test
  void endpointsOverrideTheCloudButNotItsScope() {
    AzureConfig c = with(TENANT, CLIENT, SECRET, null, null, "usgov",
        new AzureConfig.Endpoints("https://127.0.0.1:8443/v1.0/", "https://127.0.0.1:8443"), null);
    assertThat(c.graphEndpoint()).isEqualTo("https://127.0.0.1:8443/v1.0");
    assertThat(c.azureCloud().scope()).isEqualTo("https://graph.microsoft.us/.default");
    assertThat(new AzureConfig.Endpoints("http://127.0.0.1:8080/v1.0", null).graph()).startsWith("http://");
  }

  @Test
  void rejectsWhatCannotWorkNamingTheKey() {
    assertThat(keyOf(() -> with(null, CLIENT, SECRET, null, null, null, null, null))).isEqualTo("tenantId");
    assertThat(keyOf(() -> with("not a tenant", CLIENT, SECRET, null, null, null, null, null))).isEqualTo("tenantId");
    assertThat(keyOf(() -> with(TENANT, "abc", SECRET, null, null, null, null, null))).isEqualTo("clientId");
    assertThat(keyOf(() -> with(TENANT, CLIENT, null, null, null, null, null, null))).isEqualTo("clientSecret");
    assertThat(keyOf(() -> with(TENANT, CLIENT, SECRET, Path.of("/x"), null, null, null, null))).isEmpty();
    assertThat(keyOf(() -> with(TENANT, CLIENT, new Secret(" "), null, null, null, null, null))).isEqualTo("clientSecret");
    assertThat(keyOf(() -> with(TENANT, CLIENT, SECRET, null, null, "mars", null, null))).isEqualTo("cloud");
    assertThat(keyOf(() -> new AzureConfig.Endpoints("http://graph.example/v1.0", null))).isEqualTo("endpoints.graph");
    assertThat(keyOf(() -> new AzureConfig.Endpoints("https://graph.example", null))).isEqualTo("endpoints.graph");
    assertThat(keyOf(() -> new AzureConfig.Endpoints(null, "http://127.0.0.1:1"))).isEqualTo("endpoints.login");
    assertThat(keyOf(() -> with(TENANT, CLIENT, SECRET, null, null, null, null, Map.of("cost center", "x"))))
        .isEqualTo("attributes.cost center");
    assertThat(keyOf(() -> with(TENANT, CLIENT, SECRET, null, null, null, null, Map.of("cc", "manager/id"))))
        .isEqualTo("attributes.cc");
    assertThat(keyOf(() -> new AzureConfig(TENANT, CLIENT, SECRET, null, null, null, null, null, " ", null, null)))
        .isEqualTo("userFilter");
    assertThat(keyOf(() -> new AzureConfig(TENANT, CLIENT, SECRET, null, null, null, null, null, null, List.of(), null)))
        .isEqualTo("groups");
    assertThat(keyOf(() -> new AzureConfig(TENANT, CLIENT, SECRET, null, null, new Secret("p"), null, null, null,
        null, null))).isEqualTo("certificatePassword");
  }

  @ParameterizedTest
  @CsvSource({"0", "33", "-1"})
  void maxConcurrencyIsBetweenOneAnd32(int value) {
    assertThat(keyOf(() -> valid().withMaxConcurrency(value))).isEqualTo("maxConcurrency");
    try {
      valid().withMaxConcurrency(value);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).contains("between 1 and 32").contains(String.valueOf(value));
    }
  }

  @Test
  void maxConcurrencyDefaultsToFour() {
    assertThat(valid().maxConcurrency()).isEqualTo(4);
    assertThat(valid().withMaxConcurrency(1).maxConcurrency()).isEqualTo(1);
    assertThat(valid().withMaxConcurrency(32).maxConcurrency()).isEqualTo(32);
  }

  @Test
  void acceptsDomainTenantsAndMappedAttributes() {
    AzureConfig c = with("contoso.onmicrosoft.com", CLIENT, SECRET, null, null, null, null,
        Map.of("costCenter", "onPremisesExtensionAttributes.extensionAttribute1", "type", "employeeType",
            "ext", "extension_2f6c0d9e1a2b4c3d8e9f0a1b2c3d4e5f_costCenter"));
    assertThat(c.attributes()).hasSize(3);
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(valid().toString()).doesNotContain(SECRET.reveal()).contains("clientSecret");
  }

  @Test
  void isFoundByServiceLoaderAsTypeAzure() {
    ConnectorFactory<?> f = ConnectorRegistry.load(getClass().getClassLoader()).find("azure").orElseThrow();
    assertThat(f.configType()).isEqualTo(AzureConfig.class);
  }
}
