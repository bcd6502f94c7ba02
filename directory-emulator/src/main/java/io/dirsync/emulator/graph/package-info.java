/**
 * An in-process fake of Microsoft Graph v1.0 and the Entra ID token endpoint, built on the
 * documented behaviour and verbatim responses in {@code shared/api} (SPEC.md §A, §C, §D).
 *
 * <p>Public API: {@link io.dirsync.emulator.graph.GraphEmulator} (start with
 * {@link io.dirsync.emulator.graph.GraphEmulator#builder()}), its fault switches
 * {@link io.dirsync.emulator.graph.GraphFaults} (with the {@link io.dirsync.emulator.common.Gate}s
 * that hold requests, and the optional resource-unit budget), the request journal
 * {@link io.dirsync.emulator.graph.RequestJournal} of {@link io.dirsync.emulator.graph.GraphRequest}s,
 * and the controllable {@link io.dirsync.emulator.graph.EmulatorClock}. Everything else is
 * package-private.
 */
package io.dirsync.emulator.graph;
