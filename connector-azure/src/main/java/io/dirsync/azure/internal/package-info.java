/**
 * Implementation of the {@code azure} connector; not an API. {@code GraphClients} wires the SDK,
 * {@code GraphReader} sends requests and reads pages, {@code FullListingRun} and {@code DeltaRound}
 * walk the pages, {@code UserMapping}/{@code GroupMapping} map JSON to the model, and
 * {@code GraphErrorClassifier} is the one place failures are classified.
 */
package io.dirsync.azure.internal;
