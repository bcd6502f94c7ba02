package io.dirsync.google;

import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import io.dirsync.core.model.Membership;
import io.dirsync.core.spi.ConcurrentListing;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.FullListingSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the members of many groups with at most {@code maxConcurrency} listings in flight
 * ({@link ConcurrentListing}: the calling thread alone talks to the sink, the first failure stops
 * every worker, a failed listing returns once every worker has ended), all drawing on the
 * directory's one {@link RateBudget}.
 */
final class MemberListing {

  private final DirectoryPages pages;
  private final NestedGroups nesting;
  private final ConcurrentListing<Membership> listing;

  MemberListing(DirectoryPages pages, NestedGroups nesting, int maxConcurrency, String directoryId) {
    this.pages = pages;
    this.nesting = nesting;
    this.listing = new ConcurrentListing<>(maxConcurrency, "dirsync-google-members-" + directoryId,
        "member listing of directory " + directoryId);
  }

  /** @return how many memberships were delivered */
  long listAll(List<String> groupIds, FullListingSink sink) throws ConnectorException, InterruptedException {
    long[] delivered = {0};
    listing.listAll(groupIds, this::listGroup, page -> {
      sink.memberships(page);
      delivered[0] += page.size();
    });
    return delivered[0];
  }

  /** One group's members, page by page, each member once; runs on a worker. */
  private void listGroup(String groupId, ConcurrentListing.PageOut<Membership> out)
      throws ConnectorException, InterruptedException {
    boolean flatten = nesting == NestedGroups.FLATTEN;
    Set<String> seen = new HashSet<>();
    String token = null;
    int index = 0;
    do {
      String op = "members.list of group " + groupId + " page " + index;
      Members page = pages.members(groupId, flatten, token, op);
      List<Membership> found = new ArrayList<>();
      if (page.getMembers() != null) {
        for (Member m : page.getMembers()) {
          Membership ms = GoogleMapping.membership(groupId, m, nesting);
          if (ms != null && seen.add(ms.memberId())) {
            found.add(ms);
          }
        }
      }
      if (!found.isEmpty()) {
        out.page(found);
      }
      token = Paging.next(token, page.getNextPageToken(), op);
      index++;
    } while (token != null);
  }
}
