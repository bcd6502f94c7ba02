package io.dirsync.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.azure.AzureConfig;
import io.dirsync.core.http.TrustMaterial;
import io.dirsync.core.spi.ConcurrentListing;
import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.Cursor;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.ListingResult;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Entra ID directory read through Microsoft Graph: full listings and a connection check. A
 * directory without a user filter, groups scope or flattening is served by
 * {@link AzureDeltaConnector}, which adds delta rounds.
 */
public class AzureConnector implements FullListing, ConnectionCheck {

  private static final Logger LOG = LoggerFactory.getLogger(AzureConnector.class);

  protected final AzureConfig config;
  protected final ConnectorContext context;
  protected final GraphClients.Session session;
  protected final GraphReader reader;
  protected final GraphRequests requests;
  protected final UserMapping users;

  public AzureConnector(AzureConfig config, ConnectorContext context, RequestPolicy policy) {
    this.config = config;
    this.context = context;
    this.session = GraphClients.open(config, TrustMaterial.of(context.caFile()), context.clock(),
        context.resilience().retryConfig().attemptTimeout());
    this.reader = new GraphReader(session.graph(), new GraphErrorClassifier(context.clock()), policy,
        session::forgetToken);
    this.requests = new GraphRequests(session.graph(), session.graphBase(), config.userFilter());
    this.users = new UserMapping(config.attributes());
  }

  @Override
  public ListingResult listAll(FullListingSink sink) throws ConnectorException, InterruptedException {
    Instant started = context.clock().instant();
    Cursor cursor = startingCursor(started);
    FullListingRun run = new FullListingRun(reader, requests, users, context.nestedGroups(), config.groups(),
        new ConcurrentListing<>(config.maxConcurrency(), "dirsync-azure-members-" + context.directoryId(),
            "member listing of directory " + context.directoryId()));
    run.run(sink);
    LOG.info("directory {}: full listing complete: {}", context.directoryId(), run.summary());
    return new ListingResult(true, cursor);
  }

  /** Where a delta round after this listing starts, taken before the listing; null without delta. */
  protected Cursor startingCursor(Instant now) throws ConnectorException, InterruptedException {
    return null;
  }

  @Override
  public String checkConnection() throws ConnectorException, InterruptedException {
    JsonNode page = reader.page(requests.users(java.util.List.of("id"), 1), "users (connection check)");
    return "token ok, read 1 page of users from " + session.graphBase() + " (" + page.get("value").size() + " user"
        + (page.get("value").size() == 1 ? "" : "s") + ")";
  }

  @Override
  public void close() {
    session.close();
  }
}
