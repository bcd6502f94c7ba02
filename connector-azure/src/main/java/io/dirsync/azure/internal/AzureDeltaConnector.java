package io.dirsync.azure.internal;

import io.dirsync.azure.AzureConfig;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.dirsync.core.spi.Cursor;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.core.spi.DeltaSink;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds Graph delta rounds ({@code /users/delta}, {@code /groups/delta} with {@code members@delta}).
 * A full listing first asks for delta links that start now ({@code $deltatoken=latest}), so the
 * next round holds every change made from the start of the listing on (some may be replays). A
 * round follows next links verbatim until the deltaLink, and only then returns the new cursor.
 */
public final class AzureDeltaConnector extends AzureConnector implements DeltaListing {

  /** Graph's documented lifetime of a directory delta token. */
  static final Duration DELTA_TOKEN_LIFETIME = Duration.ofDays(7);
  private static final Logger LOG = LoggerFactory.getLogger(AzureDeltaConnector.class);

  public AzureDeltaConnector(AzureConfig config, ConnectorContext context, RequestPolicy policy) {
    super(config, context, policy);
  }

  @Override
  protected Cursor startingCursor(Instant now) throws ConnectorException, InterruptedException {
    String usersLink = reader.read(requests.usersDeltaFromNow(users.deltaSelect()), "users delta start")
        .path("@odata.deltaLink").asText(null);
    String groupsLink = reader.read(requests.groupsDeltaFromNow(), "groups delta start")
        .path("@odata.deltaLink").asText(null);
    if (usersLink == null || groupsLink == null) {
      throw new ConnectorException(Kind.TRANSIENT, "Graph answered $deltatoken=latest without a deltaLink");
    }
    return new Cursor(new DeltaCursor(usersLink, groupsLink).encode(), now);
  }

  @Override
  public Cursor listChanges(Cursor since, DeltaSink sink) throws ConnectorException, InterruptedException {
    Instant started = context.clock().instant();
    if (since.issuedAt().plus(DELTA_TOKEN_LIFETIME).isBefore(started)) {
      throw new ConnectorException(Kind.CURSOR_EXPIRED, "the delta cursor was issued at " + since.issuedAt()
          + ", more than Graph's 7-day token lifetime ago; a full listing is needed");
    }
    DeltaCursor cursor = DeltaCursor.decode(since.value());
    if (cursor == null) {
      throw new ConnectorException(Kind.CURSOR_EXPIRED, "the delta cursor was not made by this connector "
          + "version; a full listing is needed");
    }
    if (!cursor.issuedBy(session.graphBase())) {
      throw new ConnectorException(Kind.CURSOR_EXPIRED, "the delta cursor was issued by another Graph endpoint than "
          + session.graphBase() + "; a full listing is needed");
    }
    DeltaRound round = new DeltaRound(reader, requests, users);
    String usersLink = round.users(cursor.usersLink(), sink);
    String groupsLink = round.groups(cursor.groupsLink(), sink);
    LOG.info("directory {}: delta round complete: {}", context.directoryId(), round.summary());
    return new Cursor(new DeltaCursor(usersLink, groupsLink).encode(), started);
  }
}
