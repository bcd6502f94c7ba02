package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn package} built, unpacked as an operator would: the tarball and the .deb each run
 * {@code bin/dirsync --version} and {@code check-config} on the example configuration.
 */
class PackageIT {

  private static final Path TARGET = Path.of("target");

  @TempDir
  Path tmp;

  private static Path built(String glob) throws IOException {
    try (Stream<Path> files = Files.list(TARGET)) {
      return files.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .findFirst().orElseThrow(() -> new AssertionError("mvn package built no " + glob + " in " + TARGET));
    }
  }

  private Map<String, String> env() throws IOException {
    Path creds = Files.createDirectories(tmp.resolve("credentials"));
    Files.writeString(creds.resolve("contoso-client-secret"), "s3cret-value\n");
    return Map.of("JAVA_HOME", System.getProperty("java.home"), "CREDENTIALS_DIRECTORY", creds.toString());
  }

  private void runsFrom(Path home) throws Exception {
    Path launcher = home.resolve("bin/dirsync");
    assertThat(launcher).isExecutable();
    Tools.Result version = Tools.run(tmp, env(), launcher.toString(), "--version");
    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output()).matches("(?s)dirsync \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .*");

    Path example = home.resolve("config/dirsync.example.yaml");
    Tools.Result check = Tools.run(tmp, env(), launcher.toString(), "check-config", "--config", example.toString());
    assertThat(check.code()).as(check.output()).isZero();
    assertThat(check.output()).contains("OK, 1 directory (contoso:azure)");
    assertThat(check.output()).as("sqlite's native access is enabled, no JVM warning").doesNotContain("WARNING");
  }

  @Test
  void theTarballRunsVersionAndCheckConfig() throws Exception {
    Path tarball = built("dirsync-*-dist.tar.gz");
    Tools.Result untar = Tools.run(tmp, Map.of(), "tar", "-xzf", tarball.toAbsolutePath().toString());
    assertThat(untar.code()).as(untar.output()).isZero();
    Path home;
    try (Stream<Path> dirs = Files.list(tmp)) {
      home = dirs.filter(p -> p.getFileName().toString().startsWith("dirsync-")).findFirst().orElseThrow();
    }
    assertThat(home.resolve("lib/dirsync.jar")).exists();
    assertThat(home.resolve("config/dirsync.service")).exists();
    assertThat(home.resolve("config/dirsync.sysusers.conf")).exists();
    assertThat(home.resolve("config/dirsync.tmpfiles.conf")).exists();
    assertThat(home.resolve("docs/operations.md")).exists();
    runsFrom(home);
  }

  @Test
  void theDebInstallsToOptWithTheUnitTheUserAndTheFolders() throws Exception {
    assumeTrue(Tools.which("dpkg-deb") != null, "dpkg-deb is not installed here: the .deb was not built nor checked");
    Path deb = built("dirsync_*_all.deb");
    Path root = Files.createDirectories(tmp.resolve("root"));
    Tools.Result x = Tools.run(tmp, Map.of(), "dpkg-deb", "-x", deb.toAbsolutePath().toString(), root.toString());
    assertThat(x.code()).as(x.output()).isZero();
    assertThat(root.resolve("lib/systemd/system/dirsync.service")).exists();
    assertThat(root.resolve("usr/lib/sysusers.d/dirsync.conf")).exists();
    assertThat(root.resolve("usr/lib/tmpfiles.d/dirsync.conf")).exists();
    assertThat(Files.readSymbolicLink(root.resolve("usr/bin/dirsync"))).isEqualTo(Path.of("/opt/dirsync/bin/dirsync"));

    Tools.Result info = Tools.run(tmp, Map.of(), "dpkg-deb", "-I", deb.toAbsolutePath().toString());
    assertThat(info.output()).contains("Package: dirsync").contains("Architecture: all").contains("postinst");
    Path control = Files.createDirectories(tmp.resolve("control"));
    Tools.run(tmp, Map.of(), "dpkg-deb", "-e", deb.toAbsolutePath().toString(), control.toString());
    assertThat(Files.readString(control.resolve("postinst"))).contains("systemd-sysusers dirsync.conf")
        .contains("systemd-tmpfiles --create dirsync.conf");

    runsFrom(root.resolve("opt/dirsync"));
  }
}
