package io.dirsync.daemon;

import java.util.Map;

/**
 * slf4j-simple settings, set before the first logger exists: single journald-friendly lines on
 * stderr, INFO by default ({@code DIRSYNC_LOG_LEVEL} changes it), third-party start-up noise muted.
 */
public final class Logging {

  private Logging() {
  }

  public static void configure(Map<String, String> env) {
    set("org.slf4j.simpleLogger.logFile", "System.err");
    set("org.slf4j.simpleLogger.defaultLogLevel", env.getOrDefault("DIRSYNC_LOG_LEVEL", "info"));
    set("org.slf4j.simpleLogger.showThreadName", "false");
    set("org.slf4j.simpleLogger.showShortLogName", "true");
    set("org.slf4j.simpleLogger.levelInBrackets", "true");
    // systemd's journal stamps each line; elsewhere DIRSYNC_LOG_TIME=true adds a timestamp.
    boolean journal = env.containsKey("JOURNAL_STREAM") || env.containsKey("INVOCATION_ID");
    set("org.slf4j.simpleLogger.showDateTime", String.valueOf(!journal || "true".equals(env.get("DIRSYNC_LOG_TIME"))));
    set("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    set("org.slf4j.simpleLogger.log.org.quartz", "warn");
    set("org.slf4j.simpleLogger.log.com.azure", "warn");
    set("org.slf4j.simpleLogger.log.com.azure.core.http.jdk.httpclient", "error");
    set("org.slf4j.simpleLogger.log.com.microsoft.aad.msal4j", "warn");
    set("org.slf4j.simpleLogger.log.org.jdbi", "warn");
  }

  private static void set(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
