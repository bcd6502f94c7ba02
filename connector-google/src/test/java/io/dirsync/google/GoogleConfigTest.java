package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoogleConfigTest {

  static final Path KEY = Path.of("/etc/dirsync/acme-sa.json");

  private static GoogleConfig build(Consumer<EmulatedGoogle.ConfigBuilder> c) {
    EmulatedGoogle.ConfigBuilder b = new EmulatedGoogle.ConfigBuilder(KEY, "admin@acme.example", null);
    b.quotaPerMinute = null;
    c.accept(b);
    return b.build();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    GoogleConfig c = GoogleConfig.of(KEY, "admin@acme.example");
    assertThat(c.customer()).isEqualTo("my_customer");
    assertThat(c.domain()).isNull();
    assertThat(c.endpoints().directory()).isEqualTo("https://admin.googleapis.com/");
    assertThat(c.projection()).isEqualTo("full");
    assertThat(c.maxConcurrency()).isEqualTo(8);
    assertThat(c.quotaPerMinute()).isEqualTo(2400);
    assertThat(c.attributes()).isEmpty();
  }

  @Test
  void acceptsLoopbackHttpAndAddsTheTrailingSlash() {
    GoogleConfig c = build(b -> b.directory = "http://127.0.0.1:8080");
    assertThat(c.endpoints().directory()).isEqualTo("http://127.0.0.1:8080/");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("domain", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> {
          b.customer = "my_customer";
          b.domain = "acme.example";
        }),
        Arguments.of("domain", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.domain = "not a domain"),
        Arguments.of("customer", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.customer = "acme"),
        Arguments.of("serviceAccountKeyFile", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.keyFile = null),
        Arguments.of("subject", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.subject = null),
        Arguments.of("subject", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.subject = "admin"),
        Arguments.of("endpoints.directory", (Consumer<EmulatedGoogle.ConfigBuilder>) b ->
            b.directory = "http://admin.googleapis.com/"),
        Arguments.of("endpoints.directory", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.directory = "ftp://x/"),
        Arguments.of("endpoints.directory", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.directory = "admin"),
        Arguments.of("projection", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.projection = "everything"),
        Arguments.of("customFieldMask", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.projection = "custom"),
        Arguments.of("customFieldMask", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.mask = List.of("HR")),
        Arguments.of("orgUnits[1]", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.orgUnits = List.of("/A", "Sales")),
        Arguments.of("groups[0]", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.groups = List.of(" ")),
        Arguments.of("attributes.cost", (Consumer<EmulatedGoogle.ConfigBuilder>) b ->
            b.attributes = Map.of("cost", "customSchemas.HR")),
        Arguments.of("attributes.cost", (Consumer<EmulatedGoogle.ConfigBuilder>) b ->
            b.attributes = Map.of("cost", "salary")),
        Arguments.of("attributes.cost", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> {
          b.projection = "custom";
          b.mask = List.of("Badges");
          b.attributes = Map.of("cost", "customSchemas.HR.costCenter");
        }),
        Arguments.of("attributes.cost", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> {
          b.projection = "basic";
          b.attributes = Map.of("cost", "customSchemas.HR.costCenter");
        }),
        Arguments.of("attributes.1st", (Consumer<EmulatedGoogle.ConfigBuilder>) b ->
            b.attributes = Map.of("1st", "orgUnitPath")),
        Arguments.of("maxConcurrency", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.maxConcurrency = 0),
        Arguments.of("quotaPerMinute", (Consumer<EmulatedGoogle.ConfigBuilder>) b -> b.quotaPerMinute = 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsAnInvalidValueNamingItsKey(String key, Consumer<EmulatedGoogle.ConfigBuilder> change) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> build(change));
    assertThat(e).as("no ConfigException").isNotNull();
    assertThat(e.key()).isEqualTo(key);
    assertThat(e.getMessage()).isNotBlank();
  }

  @Test
  void bindsFromJsonAsTheDaemonDoesWithErrorsKeyedFromTheDirectory() throws Exception {
    var mapper = com.fasterxml.jackson.databind.json.JsonMapper.builder()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    GoogleConfig ok = mapper.readValue("""
        {"domain":"acme.example","serviceAccountKeyFile":"/etc/dirsync/sa.json","subject":"admin@acme.example",
         "endpoints":{"directory":"http://127.0.0.1:9000"},"orgUnits":["/Sales"],
         "attributes":{"costCenter":"customSchemas.HR.costCenter"},"maxConcurrency":8}""", GoogleConfig.class);
    assertThat(ok.serviceAccountKeyFile()).isEqualTo(Path.of("/etc/dirsync/sa.json"));
    assertThat(ok.endpoints().directory()).isEqualTo("http://127.0.0.1:9000/");
    assertThat(ok.customer()).isNull();
    var e = catchThrowableOfType(com.fasterxml.jackson.databind.exc.ValueInstantiationException.class,
        () -> mapper.readValue("""
            {"serviceAccountKeyFile":"/sa.json","subject":"a@b.example","endpoints":{"directory":"http://x.example/"}}
            """, GoogleConfig.class));
    assertThat(e.getPath()).as("the error is raised by GoogleConfig itself, not by the nested record").isEmpty();
    assertThat(((ConfigException) e.getCause()).key()).isEqualTo("endpoints.directory");
  }

  @Test
  void isFoundByServiceLoaderAsTypeGoogle() {
    ConnectorRegistry registry = ConnectorRegistry.load(getClass().getClassLoader());
    assertThat(registry.find("google")).hasValueSatisfying(f -> {
      assertThat(f).isInstanceOf(GoogleConnectorFactory.class);
      assertThat(f.configType()).isEqualTo(GoogleConfig.class);
    });
  }

  @Test
  void anUnreadableOrForeignKeyFileIsAConfigErrorThatShowsNoKeyMaterial(@TempDir Path dir) throws Exception {
    GoogleConnectorFactory factory = new GoogleConnectorFactory();
    var ctx = EmulatedGoogle.context(NestedGroups.DIRECT, Clock.systemUTC());
    assertThatThrownBy(() -> factory.create(GoogleConfig.of(dir.resolve("missing.json"), "a@b.example"), ctx))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("serviceAccountKeyFile"));
    Path user = Files.writeString(dir.resolve("user.json"),
        "{\"type\":\"authorized_user\",\"client_id\":\"x\",\"client_secret\":\"SECRET-VALUE\",\"refresh_token\":\"r\"}");
    assertThatThrownBy(() -> factory.create(GoogleConfig.of(user, "a@b.example"), ctx))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET-VALUE"));
  }
}
