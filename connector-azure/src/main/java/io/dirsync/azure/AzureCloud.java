package io.dirsync.azure;

import java.util.Locale;

/**
 * The Microsoft national clouds: each has its own token authority and Graph root, and tokens of
 * one are not accepted by another. The token scope always follows the cloud
 * ({@code <graph root>/.default}), even when {@code endpoints.graph} points elsewhere.
 */
public enum AzureCloud {
  GLOBAL("global", "https://login.microsoftonline.com", "https://graph.microsoft.com"),
  USGOV("usgov", "https://login.microsoftonline.us", "https://graph.microsoft.us"),
  USGOV_DOD("usgov-dod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
  CHINA("china", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn");

  private final String configName;
  private final String login;
  private final String graphRoot;

  AzureCloud(String configName, String login, String graphRoot) {
    this.configName = configName;
    this.login = login;
    this.graphRoot = graphRoot;
  }

  /** The name used in configuration: {@code global}, {@code usgov}, {@code usgov-dod}, {@code china}. */
  public String configName() {
    return configName;
  }

  /** The token authority host, e.g. {@code https://login.microsoftonline.com}. */
  public String login() {
    return login;
  }

  /** The Graph root without version, e.g. {@code https://graph.microsoft.com}. */
  public String graphRoot() {
    return graphRoot;
  }

  /** The client-credentials scope, e.g. {@code https://graph.microsoft.com/.default}. */
  public String scope() {
    return graphRoot + "/.default";
  }

  /** @return the cloud with this config name (case-insensitive), or null */
  public static AzureCloud fromConfigName(String name) {
    for (AzureCloud c : values()) {
      if (c.configName.equals(name.toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    return null;
  }
}
