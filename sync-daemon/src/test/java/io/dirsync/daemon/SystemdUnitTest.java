package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/dirsync.service passes {@code systemd-analyze verify} and rates 2.0 or better in
 * {@code systemd-analyze security}. Skipped, saying so, where systemd-analyze is not installed.
 */
class SystemdUnitTest {

  private static final Path CONFIG = Path.of("..", "config");

  @TempDir
  Path tmp;
  private Path unit;

  @BeforeEach
  void unitWithItsCommandsUnderATemporaryRoot() throws Exception {
    assumeTrue(Tools.which("systemd-analyze") != null,
        "systemd-analyze is not installed here (apt-get install systemd): the unit is not checked");
    // verify checks that ExecStart's program exists: point /opt/dirsync at a stand-in launcher
    Path bin = Files.createDirectories(tmp.resolve("opt/dirsync/bin"));
    Files.writeString(bin.resolve("dirsync"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(bin.resolve("dirsync"), PosixFilePermissions.fromString("rwxr-xr-x"));
    unit = tmp.resolve("dirsync.service");
    Files.writeString(unit, Files.readString(CONFIG.resolve("dirsync.service"))
        .replace("/opt/dirsync/", tmp.resolve("opt/dirsync") + "/"));
  }

  @Test
  void theUnitVerifies() throws Exception {
    Tools.Result r = Tools.run(tmp, Map.of(), "systemd-analyze", "verify", unit.toString());
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).as("no warnings").isBlank();
  }

  @Test
  void theUnitRatesTwoOrBetterInSystemdAnalyzeSecurity() throws Exception {
    Tools.Result version = Tools.run(tmp, Map.of(), "systemd-analyze", "--version");
    Matcher v = Pattern.compile("systemd (\\d+)").matcher(version.output());
    assumeTrue(v.find() && Integer.parseInt(v.group(1)) >= 252,
        "systemd-analyze security --offline needs systemd 252 or newer, here: " + version.output().lines().findFirst().orElse("?"));
    Tools.Result r = Tools.run(tmp, Map.of(), "systemd-analyze", "security", "--offline=true", unit.toString());
    Matcher m = Pattern.compile("Overall exposure level for dirsync.service: ([0-9.]+)").matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).as(r.output()).isLessThanOrEqualTo(2.0);
  }

  @Test
  void theUnitRunsTheDaemonAsItsOwnUserWithStateConfigurationAndCredentials() throws Exception {
    String text = Files.readString(CONFIG.resolve("dirsync.service"));
    for (String line : Set.of("User=dirsync", "ExecStartPre=/opt/dirsync/bin/dirsync check-config",
        "ExecStart=/opt/dirsync/bin/dirsync run", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure",
        "StateDirectory=dirsync", "ConfigurationDirectory=dirsync", "ProtectSystem=strict", "NoNewPrivileges=yes",
        "PrivateTmp=yes", "Environment=DIRSYNC_CONFIG=/etc/dirsync/dirsync.yaml")) {
      assertThat(text).contains("\n" + line + "\n");
    }
    assertThat(text).containsPattern("\nLoadCredential=contoso-client-secret:/etc/dirsync/credentials/contoso-client-secret\n");
    assertThat(Files.readString(CONFIG.resolve("dirsync.sysusers.conf"))).contains("u dirsync -");
    assertThat(Files.readString(CONFIG.resolve("dirsync.tmpfiles.conf"))).contains("d /var/lib/dirsync         0700 dirsync dirsync");
  }

  @Test
  void theExampleConfigurationIsValidWithItsCredential() throws Exception {
    Path creds = Files.createDirectories(tmp.resolve("credentials"));
    Files.writeString(creds.resolve("contoso-client-secret"), "s3cret-value\n");
    Cli cli = new Cli(tmp);
    cli.env.put("CREDENTIALS_DIRECTORY", creds.toString());
    Cli.Result r = cli.run("check-config", "--config", CONFIG.resolve("dirsync.example.yaml").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("OK, 1 directory (contoso:azure), 1 sink(s), state /var/lib/dirsync/dirsync.db");
  }
}
