package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration mistake names the file and the key, exits 2, and shows no stack trace. */
class ConfigErrorsTest {

  @TempDir
  Path tmp;

  private static final String DIRS = """
      directories:
        - id: acme
          type: fixture
          source: /tmp/x.json
      """;
  private static final String SINKS = """
      sinks:
        - type: jsonl
          path: actions.jsonl
      """;

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("unknown top-level key", "stat:\n  path: x.db\n" + DIRS + SINKS,
            "stat: unknown key (known: daemon, defaults, directories, sinks, state, tls)"),
        Arguments.of("unknown key under state", "state:\n  file: x.db\n" + DIRS + SINKS, "state.file: unknown key"),
        Arguments.of("retry value out of range", DIRS + "    retry: {maxAttempts: 0}\n" + SINKS,
            "directories[0].retry.maxAttempts: "),
        Arguments.of("unknown retry key", "defaults:\n  retry: {attempts: 3}\n" + DIRS + SINKS,
            "defaults.retry.attempts: unknown key"),
        Arguments.of("retry not a mapping", DIRS + "    retry: 3\n" + SINKS, "directories[0].retry: must be a mapping"),
        Arguments.of("rate limit negative", DIRS + "    rateLimit: {requestsPerSecond: -1}\n" + SINKS,
            "directories[0].rateLimit.requestsPerSecond: "),
        Arguments.of("bad retention", "state:\n  retention: 90 days\n" + DIRS + SINKS,
            "state.retention: not an ISO-8601 duration: '90 days'; e.g. P90D"),
        Arguments.of("retention under a day", "state:\n  retention: PT1H\n" + DIRS + SINKS,
            "state.retention: must be at least one day (P1D), was PT1H"),
        Arguments.of("webhook over plain http", DIRS + "sinks:\n  - {type: webhook, url: 'http://app.example/h', secret: 0123456789abcdef}\n",
            "sinks[0].url: must be an https:// URL (http:// only on loopback)"),
        Arguments.of("webhook secret too short", DIRS + "sinks:\n  - {type: webhook, url: 'https://app.example/h', secret: short}\n",
            "sinks[0].secret: is required, at least 16 characters"),
        Arguments.of("webhook batch size", DIRS + "sinks:\n  - {type: webhook, url: 'https://app.example/h', secret: 0123456789abcdef, batchSize: 0}\n",
            "sinks[0].batchSize: must be between 1 and 1000, was 0"),
        Arguments.of("no directories", SINKS, "directories: must list at least one directory"),
        Arguments.of("no sinks", DIRS, "sinks: must list at least one sink"),
        Arguments.of("missing id", "directories:\n  - type: fixture\n    source: /x\n" + SINKS,
            "directories[0].id: is required"),
        Arguments.of("bad id", "directories:\n  - id: Acme_1\n    type: fixture\n    source: /x\n" + SINKS,
            "directories[0].id: must match [a-z0-9-]+, was 'Acme_1'"),
        Arguments.of("duplicate id", DIRS + "  - id: acme\n    type: fixture\n    source: /y\n" + SINKS,
            "directories[1].id: duplicate directory id 'acme'"),
        Arguments.of("unknown type", "directories:\n  - id: a\n    type: ldap\n" + SINKS,
            "directories[0].type: unknown type 'ldap' (installed: "),
        Arguments.of("unknown connector key", DIRS + "    sorce: /x\n" + SINKS,
            "directories[0].sorce: unknown key (known: blockOnPage, failOnPage, pageSize, password, source)"),
        Arguments.of("connector validation names the key", "directories:\n  - id: a\n    type: fixture\n" + SINKS,
            "directories[0].source: is required"),
        Arguments.of("wrong type of value", DIRS + "    pageSize: many\n" + SINKS,
            "directories[0].pageSize: expected integer"),
        Arguments.of("connector range check", DIRS + "    pageSize: 0\n" + SINKS,
            "directories[0].pageSize: must be 1 or more"),
        Arguments.of("bad cron", "defaults:\n  schedule: every night\n" + DIRS + SINKS,
            "defaults.schedule: not a Quartz cron expression: 'every night'"),
        Arguments.of("bad duration", DIRS + "    deltaEvery: 15m\n" + SINKS,
            "directories[0].deltaEvery: not an ISO-8601 duration: '15m'; e.g. PT15M"),
        Arguments.of("duration under a second", DIRS + "    deltaEvery: PT0.5S\n" + SINKS,
            "directories[0].deltaEvery: must be at least one second (PT1S), was PT0.5S"),
        Arguments.of("safety percent out of range", "defaults:\n  safety:\n    maxDeactivationPercent: 150\n" + DIRS + SINKS,
            "defaults.safety.maxDeactivationPercent: must be between 0 and 100, was 150"),
        Arguments.of("safety not a number", DIRS + "    safety: {maxDeactivations: lots}\n" + SINKS,
            "directories[0].safety.maxDeactivations: expected a whole number, was 'lots'"),
        Arguments.of("unknown safety key", DIRS + "    safety: {maxDeletes: 3}\n" + SINKS,
            "directories[0].safety.maxDeletes: unknown key (known: maxDeactivationPercent, maxDeactivations)"),
        Arguments.of("nestedGroups", DIRS + "    nestedGroups: deep\n" + SINKS,
            "directories[0].nestedGroups: must be direct or flatten, was 'deep'"),
        Arguments.of("unset environment variable", DIRS + "    password: ${env:DIRSYNC_TEST_UNSET_VAR}\n" + SINKS,
            "directories[0].password: environment variable DIRSYNC_TEST_UNSET_VAR is not set"),
        Arguments.of("unreadable secret file", DIRS + "    password: ${file:/nonexistent/secret}\n" + SINKS,
            "directories[0].password: cannot read file /nonexistent/secret: no such file"),
        Arguments.of("credential outside systemd", DIRS + "    password: ${credential:acme-secret}\n" + SINKS,
            "directories[0].password: credential acme-secret needs $CREDENTIALS_DIRECTORY"),
        Arguments.of("unknown sink type", DIRS + "sinks:\n  - type: kafka\n", "sinks[0].type: unknown sink type 'kafka' (known: jsonl, webhook)"),
        Arguments.of("sink without path", DIRS + "sinks:\n  - type: jsonl\n", "sinks[0].path: is required"),
        Arguments.of("unknown sink key", DIRS + "sinks:\n  - type: jsonl\n    path: a\n    fsync: no\n", "sinks[0].fsync: unknown key"),
        Arguments.of("two sinks, one id", DIRS + "sinks:\n  - {type: jsonl, path: a, id: x}\n  - {type: jsonl, path: b, id: x}\n",
            "sinks[1].id: two sinks share the id 'x'"),
        Arguments.of("unreadable CA", "tls:\n  caFile: /nonexistent/ca.pem\n" + DIRS + SINKS, "tls.caFile: cannot read /nonexistent/ca.pem"),
        Arguments.of("not YAML", "directories: [\n", "line 2, column 1: not valid YAML: expected the node content, but found '<stream end>'"),
        Arguments.of("empty file", "", "is empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void namesTheFileAndTheKeyAndExitsTwo(String name, String yaml, String expected) {
    Cli cli = new Cli(tmp);
    Path file = cli.write("dirsync.yaml", yaml);

    Cli.Result r = cli.run("check-config", "--config", file.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("dirsync: configuration error: " + file + ": ").contains(expected)
        .doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void retryAndRateLimitMergeKeyByKeyOverTheDefaults() {
    Cli cli = new Cli(tmp);
    Path file = cli.write("dirsync.yaml", "defaults:\n  retry: {maxAttempts: 3, initialBackoff: PT5S}\n"
        + "  rateLimit: {requestsPerSecond: 40}\n" + DIRS + "    retry: {maxAttempts: 9}\n" + SINKS);
    var config = new io.dirsync.daemon.config.ConfigLoader(io.dirsync.core.spi.ConnectorRegistry.load(
        getClass().getClassLoader()), k -> null).load(file);
    var d = config.directories().get(0);
    assertThat(d.retry().maxAttempts()).isEqualTo(9);
    assertThat(d.retry().initialBackoff()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(d.rateLimit().requestsPerSecond()).isEqualTo(40.0);
  }

  private static final String AZURE = """
      directories:
        - id: contoso
          type: azure
          tenantId: 8d3f1c2a-5b6e-4f70-9a81-2c3d4e5f6a7b
          clientId: 2f6c0d9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f
          clientSecret: s3cr3t
      """;
  private static final String GOOGLE = """
        - id: acme
          type: google
          serviceAccountKeyFile: /etc/dirsync/acme-sa.json
          subject: admin@acme.example
      """;

  private io.dirsync.daemon.config.DirsyncConfig load(String yaml) {
    Path file = new Cli(tmp).write("dirsync.yaml", yaml);
    return new io.dirsync.daemon.config.ConfigLoader(io.dirsync.core.spi.ConnectorRegistry.load(
        getClass().getClassLoader()), k -> null).load(file);
  }

  private static io.dirsync.core.http.RateLimitConfig rateLimitOf(io.dirsync.daemon.config.DirsyncConfig config,
      String id) {
    return config.directories().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow().rateLimit();
  }

  @Test
  void eachConnectorTypeHasItsOwnPacingDefaults() {
    var config = load(AZURE + GOOGLE + "  - id: local\n    type: fixture\n    source: /tmp/x.json\n" + SINKS);
    assertThat(rateLimitOf(config, "contoso")).as("Graph: resource units just under the large-tenant bucket")
        .isEqualTo(new io.dirsync.core.http.RateLimitConfig(0d, 7200));
    assertThat(rateLimitOf(config, "acme")).as("Google: paced by its quotaPerMinute budget, not per request")
        .isEqualTo(new io.dirsync.core.http.RateLimitConfig(0d, 0));
    assertThat(rateLimitOf(config, "local")).as("a type without defaults of its own: no pacing")
        .isEqualTo(io.dirsync.core.http.RateLimitConfig.DEFAULTS);
  }

  @Test
  void explicitRateLimitKeysWinOverTheTypeDefaultsKeyByKey() {
    var config = load("defaults:\n  rateLimit: {requestsPerSecond: 40}\n" + AZURE
        + "    rateLimit: {resourceUnitsPer10s: 3000}\n" + GOOGLE + SINKS);
    assertThat(rateLimitOf(config, "contoso")).isEqualTo(new io.dirsync.core.http.RateLimitConfig(40d, 3000));
    assertThat(rateLimitOf(config, "acme")).isEqualTo(new io.dirsync.core.http.RateLimitConfig(40d, 0));

    var off = load(AZURE + "    rateLimit: {resourceUnitsPer10s: 0}\n" + SINKS);
    assertThat(rateLimitOf(off, "contoso")).isEqualTo(io.dirsync.core.http.RateLimitConfig.UNLIMITED);
  }

  @Test
  void anAzureDirectorysMaxConcurrencyIsReadAndChecked() {
    var config = load(AZURE + "    maxConcurrency: 8\n" + SINKS);
    assertThat(config.directories().get(0).connectorConfig().toString()).contains("maxConcurrency=8");
    Cli cli = new Cli(tmp);
    Path file = cli.write("bad.yaml", AZURE + "    maxConcurrency: 33\n" + SINKS);
    Cli.Result r = cli.run("check-config", "--config", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(file + ": directories[0].maxConcurrency: must be between 1 and 32");
  }

  @Test
  void aWebhookSinksDefaultIdNeverHoldsCredentialsFromItsUrl() {
    Cli cli = new Cli(tmp);
    Path file = cli.write("dirsync.yaml", DIRS
        + "sinks:\n  - {type: webhook, url: 'https://hook:pa55word@app.example/h?key=k3y', secret: 0123456789abcdef}\n");
    var config = new io.dirsync.daemon.config.ConfigLoader(io.dirsync.core.spi.ConnectorRegistry.load(
        getClass().getClassLoader()), k -> null).load(file);
    assertThat(config.sinks().get(0).id()).isEqualTo("webhook:https://app.example/h?…");
    assertThat(config.sinks().get(0).toString()).doesNotContain("pa55word").doesNotContain("k3y");
  }

  @Test
  void aMissingFileSaysHowToNameOne() {
    Cli cli = new Cli(tmp);
    Cli.Result r = cli.run("sync", "--config", tmp.resolve("nope.yaml").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nope.yaml: no such file (give --config FILE or set DIRSYNC_CONFIG)");
  }

  @Test
  void configDefaultsToTheEnvironmentVariable() {
    Cli cli = new Cli(tmp);
    Path file = cli.write("elsewhere.yaml", DIRS + SINKS);
    cli.env.put("DIRSYNC_CONFIG", file.toString());
    Cli.Result r = cli.run("check-config");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("elsewhere.yaml: OK, 1 directory (acme:fixture), 1 sink(s)");
  }

  @Test
  void aGoodFileIsAcceptedWithVariablesExpanded() {
    Cli cli = new Cli(tmp);
    Path secret = cli.write("secret", "s3cr3t\n");
    cli.env.put("CREDENTIALS_DIRECTORY", tmp.toString());
    Path file = cli.write("dirsync.yaml", DIRS + "    password: ${credential:secret}\n" + SINKS);
    Cli.Result r = cli.run("check-config", "--config", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(secret).exists();
  }
}
