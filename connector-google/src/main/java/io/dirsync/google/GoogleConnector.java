package io.dirsync.google;

import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Groups;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.Users;
import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.ListingResult;
import io.dirsync.core.spi.ParallelListing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Workspace through the Admin SDK Directory API. Google has no change feed for users,
 * groups or members, so this connector offers a full listing (diffed against the snapshot by the
 * engine) and a connection check, nothing else.
 *
 * <p>A listing reads every page of users (500 a page), and meanwhile every page of groups (200), then
 * the members of each group (200, several groups at once), each to the page that has no
 * {@code nextPageToken}.
 * Any failure is thrown: a listing that returns is complete.
 */
public final class GoogleConnector implements FullListing, ConnectionCheck {

  private static final Logger LOG = LoggerFactory.getLogger(GoogleConnector.class);

  private final GoogleConfig config;
  private final ConnectorContext context;
  private final GoogleClient client;
  private final GoogleErrors errors;
  private final DirectoryPages pages;
  private final GoogleMapping mapping;

  GoogleConnector(GoogleConfig config, ConnectorContext context, GoogleClient client, Sleeper sleeper) {
    this.config = config;
    this.context = context;
    this.client = client;
    this.errors = new GoogleErrors(config.subject(), client.clientId, GoogleClient.SCOPES, context.clock());
    RateBudget budget = new RateBudget(config.quotaPerMinute(), sleeper);
    this.pages = new DirectoryPages(client.directory, config, budget, context.resilience(), errors);
    this.mapping = new GoogleMapping(config);
  }

  @Override
  public ListingResult listAll(FullListingSink sink) throws ConnectorException, InterruptedException {
    // one token before the two parts start, so they do not each fetch (and retry) their own
    token(false);
    long[] users = {0};
    List<List<String>> groupIds = new ArrayList<>();
    long[] memberships = {0};
    // the users on a thread of their own while the groups and their members are listed here: both
    // draw on the one quota budget, which a single stream of user pages would leave idle
    ParallelListing.run("dirsync-google-users-" + context.directoryId(), sink,
        s -> users[0] = listUsers(s),
        s -> {
          groupIds.add(listGroups(s));
          memberships[0] = new MemberListing(pages, context.nestedGroups(), config.maxConcurrency(),
              context.directoryId()).listAll(groupIds.get(0), s);
        });
    LOG.info("directory {}: listed {} users, {} groups, {} memberships", context.directoryId(), users[0],
        groupIds.get(0).size(), memberships[0]);
    return new ListingResult(true, null);
  }

  private long listUsers(FullListingSink sink) throws ConnectorException, InterruptedException {
    long count = 0;
    for (String query : userQueries()) {
      String token = null;
      int index = 0;
      do {
        String op = "users.list page " + index + (query == null ? "" : " of query " + query);
        Users page = pages.users(query, token, DirectoryPages.USERS_PAGE, op);
        List<io.dirsync.core.model.User> out = new ArrayList<>();
        if (page.getUsers() != null) {
          for (User u : page.getUsers()) {
            io.dirsync.core.model.User mapped = mapping.user(u);
            if (mapped != null) {
              out.add(mapped);
            }
          }
        }
        if (!out.isEmpty()) {
          sink.users(out);
          count += out.size();
        }
        token = Paging.next(token, page.getNextPageToken(), op);
        index++;
      } while (token != null);
    }
    return count;
  }

  /** One users listing per org unit (each with the configured query), or one with the query alone. */
  List<String> userQueries() {
    if (config.orgUnits().isEmpty()) {
      return java.util.Collections.singletonList(config.query());
    }
    List<String> out = new ArrayList<>();
    for (String ou : config.orgUnits()) {
      out.add("orgUnitPath='" + ou + "'" + (config.query() == null ? "" : " " + config.query()));
    }
    return out;
  }

  private List<String> listGroups(FullListingSink sink) throws ConnectorException, InterruptedException {
    Set<String> ids = new LinkedHashSet<>();
    if (!config.groups().isEmpty()) {
      List<io.dirsync.core.model.Group> out = new ArrayList<>();
      for (String key : config.groups()) {
        Group g = pages.group(key);
        if (g.getId() != null && ids.add(g.getId())) {
          out.add(GoogleMapping.group(g));
        }
      }
      sink.groups(out);
      return List.copyOf(ids);
    }
    String token = null;
    int index = 0;
    do {
      String op = "groups.list page " + index;
      Groups page = pages.groups(token, DirectoryPages.GROUPS_PAGE, op);
      List<io.dirsync.core.model.Group> out = new ArrayList<>();
      if (page.getGroups() != null) {
        for (Group g : page.getGroups()) {
          if (g.getId() != null && !g.getId().isEmpty() && ids.add(g.getId())) {
            out.add(GoogleMapping.group(g));
          }
        }
      }
      if (!out.isEmpty()) {
        sink.groups(out);
      }
      token = Paging.next(token, page.getNextPageToken(), op);
      index++;
    } while (token != null);
    return List.copyOf(ids);
  }

  /** Gets an access token through the retry layer: always ({@code fresh}), or unless a valid one is held. */
  private void token(boolean fresh) throws ConnectorException, InterruptedException {
    String tokenOp = "obtaining an access token for " + config.subject();
    context.resilience().call(tokenOp, () -> {
      try {
        if (fresh) {
          client.credentials.refresh();
        } else {
          client.credentials.refreshIfExpired();
        }
        return null;
      } catch (IOException e) {
        throw errors.classify(tokenOp, e);
      }
    });
  }

  @Override
  public String checkConnection() throws ConnectorException, InterruptedException {
    token(true);
    Users users = pages.users(null, null, 1, "users.list (connection check)");
    Groups groups = pages.groups(null, 1, "groups.list (connection check)");
    int u = users.getUsers() == null ? 0 : users.getUsers().size();
    int g = groups.getGroups() == null ? 0 : groups.getGroups().size();
    return "token ok for " + config.subject() + "; read one page of users (" + u + ") and of groups (" + g + ")";
  }

  @Override
  public void close() {
    try {
      client.transport.shutdown();
    } catch (IOException e) {
      LOG.debug("directory {}: closing the HTTP transport failed", context.directoryId(), e);
    }
  }
}
