package io.dirsync.daemon.cli;

import picocli.CommandLine;

/** {@code --version}: the jar's implementation version, or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"dirsync " + (v == null ? "development" : v) + " (Java " + Runtime.version() + ")"};
  }
}
