/**
 * A fake of the Google Admin SDK Directory API and Google's OAuth token endpoint, for tests,
 * {@code dirsync demo} and {@code dirsync emulate}.
 *
 * <p>Start one with {@link io.dirsync.emulator.google.GoogleEmulator#builder()}; point the Google
 * connector at it with {@code endpoints.directory: <rootUrl()>}, {@code serviceAccountKeyFile:}
 * the file {@link io.dirsync.emulator.google.GoogleEmulator#writeServiceAccountKey} wrote (its
 * {@code token_uri} names the emulator) and {@code subject: <adminEmail()>}. Change the domain with
 * the mutation methods, script failures with {@link io.dirsync.emulator.google.GoogleFaults}, and
 * assert on {@link io.dirsync.emulator.google.RequestJournal}.
 */
package io.dirsync.emulator.google;
