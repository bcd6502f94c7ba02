package io.dirsync.google;

import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Groups;
import com.google.api.services.directory.model.Members;
import com.google.api.services.directory.model.Users;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.spi.ConnectorException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * One request of the Directory API each: a page of users, groups or members, or one group. Every
 * request goes through the directory's {@link DirectoryResilience} (the one retry-and-pacing layer:
 * a retry repeats this page, never the listing); every attempt draws on the shared
 * {@link RateBudget} (Google's per-minute quota) and fails classified by {@link GoogleErrors}.
 */
final class DirectoryPages {

  static final int USERS_PAGE = 500;
  static final int GROUPS_PAGE = 200;
  static final int MEMBERS_PAGE = 200;

  private final Directory directory;
  private final GoogleConfig config;
  private final RateBudget budget;
  private final DirectoryResilience resilience;
  private final GoogleErrors errors;

  DirectoryPages(Directory directory, GoogleConfig config, RateBudget budget, DirectoryResilience resilience,
      GoogleErrors errors) {
    this.directory = directory;
    this.config = config;
    this.budget = budget;
    this.resilience = resilience;
    this.errors = errors;
  }

  Users users(String query, String pageToken, int maxResults, String operation)
      throws ConnectorException, InterruptedException {
    return call(operation, () -> {
      Directory.Users.List req = directory.users().list().setMaxResults(maxResults).setProjection(config.projection());
      if (config.domain() != null) {
        req.setDomain(config.domain());
      } else {
        req.setCustomer(config.customer());
      }
      if (config.projection().equals("custom")) {
        req.setCustomFieldMask(String.join(",", config.customFieldMask()));
      }
      if (query != null) {
        req.setQuery(query);
      }
      return req.setPageToken(pageToken);
    });
  }

  Groups groups(String pageToken, int maxResults, String operation) throws ConnectorException, InterruptedException {
    return call(operation, () -> {
      Directory.Groups.List req = directory.groups().list().setMaxResults(maxResults);
      if (config.domain() != null) {
        req.setDomain(config.domain());
      } else {
        req.setCustomer(config.customer());
      }
      return req.setPageToken(pageToken);
    });
  }

  Group group(String groupKey) throws ConnectorException, InterruptedException {
    return call("groups.get " + groupKey, () -> directory.groups().get(groupKey));
  }

  Members members(String groupId, boolean derived, String pageToken, String operation)
      throws ConnectorException, InterruptedException {
    return call(operation, () -> directory.members().list(groupId).setMaxResults(MEMBERS_PAGE)
        .setIncludeDerivedMembership(derived ? Boolean.TRUE : null).setPageToken(pageToken));
  }

  @FunctionalInterface
  private interface RequestBuilder<T> {
    AbstractGoogleClientRequest<T> build() throws IOException;
  }

  private <T> T call(String operation, RequestBuilder<T> builder) throws ConnectorException, InterruptedException {
    return resilience.call(operation, () -> {
      budget.acquire();
      try {
        T result = builder.build().execute();
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        return result;
      } catch (SocketTimeoutException e) {
        throw errors.classify(operation, e);
      } catch (InterruptedIOException e) {
        InterruptedException ie = new InterruptedException(operation + " interrupted");
        ie.initCause(e);
        throw ie;
      } catch (IOException e) {
        throw errors.classify(operation, e);
      } catch (IllegalArgumentException | IllegalStateException e) {
        // Gson's parse errors surface as these: a truncated or garbled body
        throw errors.malformed(operation, e);
      }
    });
  }
}
