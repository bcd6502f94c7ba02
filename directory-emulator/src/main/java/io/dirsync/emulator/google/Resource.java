package io.dirsync.emulator.google;

/** What a request of the emulator addresses, for fault switches and the journal. */
public enum Resource {
  USERS,
  GROUPS,
  MEMBERS,
  TOKEN,
  OTHER
}
