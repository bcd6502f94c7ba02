package io.dirsync.emulator.graph;

import java.time.Duration;

/**
 * The fixed knobs of one emulator instance (see {@link GraphEmulator.Builder}).
 *
 * @param deltaTokenLifetime null for tokens that never expire
 */
record EmulatorSettings(String tenantId, String clientId, String clientSecret, String scopeRoot,
    int listPageCap, int deltaPageSize, int membersPerDeltaEntry, Duration deltaTokenLifetime,
    int accessTokenSeconds, boolean shuffleDelta, boolean replayDelta, boolean emptyFirstDeltaPage, Duration replicationDelay,
    long seed) {
}
