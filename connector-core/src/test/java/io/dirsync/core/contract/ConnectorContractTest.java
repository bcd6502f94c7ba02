package io.dirsync.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.Cursor;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.ListingResult;
import io.dirsync.core.spi.UserChange;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guarantees every connector gives, run against each connector's own fake source through its
 * real SDK. A connector module extends this class and implements {@link #open}.
 *
 * <p>Users are matched by user name (the source assigns ids); ids must be stable across listings.
 */
public abstract class ConnectorContractTest {

  protected static final String DOMAIN = "contract.example";
  /** Larger than {@link #PAGE_SIZE} several times over, so every listing spans pages. */
  protected static final int USERS = 23;
  protected static final int PAGE_SIZE = 5;

  private ContractDirectory directory;

  /** Seeds a fresh source with {@code org}, serving at most {@code pageSize} users per page. */
  protected abstract ContractDirectory open(SeedOrg org, int pageSize) throws Exception;

  @AfterEach
  void closeDirectory() throws Exception {
    if (directory != null) {
      directory.close();
    }
  }

  private ContractDirectory seeded() throws Exception {
    directory = open(SeedOrg.standard(USERS, DOMAIN), PAGE_SIZE);
    return directory;
  }

  private static Collected listAll(ContractDirectory d) throws Exception {
    Collected sink = new Collected();
    ListingResult result = ((FullListing) d.connector()).listAll(sink);
    assertThat(result.complete()).as("a listing that returned normally is complete").isTrue();
    return sink;
  }

  @Test
  void listsEverySeededUserWithItsFields() throws Exception {
    SeedOrg org = SeedOrg.standard(USERS, DOMAIN);
    Collected got = listAll(seeded());

    assertThat(got.users).hasSize(USERS);
    for (SeedUser seed : org.users()) {
      User u = got.userNamed(seed.userName());
      assertThat(u.active()).as("active of %s", seed.userName()).isEqualTo(seed.active());
      assertThat(u.givenName()).isEqualTo(seed.givenName());
      assertThat(u.familyName()).isEqualTo(seed.familyName());
      assertThat(u.email()).isEqualToIgnoringCase(seed.userName());
      assertThat(u.department()).isEqualTo(seed.department());
      assertThat(u.jobTitle()).isEqualTo(seed.jobTitle());
    }
  }

  @Test
  void streamsUsersPageByPage() throws Exception {
    Collected got = listAll(seeded());
    assertThat(got.userPages).as("pages of %d users at %d per page", USERS, PAGE_SIZE)
        .isGreaterThanOrEqualTo((USERS + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  @Test
  void listsGroupsAndDirectMemberships() throws Exception {
    SeedOrg org = SeedOrg.standard(USERS, DOMAIN);
    Collected got = listAll(seeded());

    assertThat(got.groups.values()).extracting(Group::name)
        .containsExactlyInAnyOrder("staff", "admins", "everyone");
    Group admins = got.groupNamed("admins");
    Group everyone = got.groupNamed("everyone");
    assertThat(admins.email()).isEqualToIgnoringCase("admins@" + DOMAIN);

    Set<Membership> members = Set.copyOf(got.memberships);
    assertThat(members)
        .contains(new Membership(admins.id(), got.userNamed(org.users().get(0).userName()).id(), MemberType.USER))
        .contains(new Membership(everyone.id(), admins.id(), MemberType.GROUP));
    long staff = got.memberships.stream().filter(m -> m.groupId().equals(got.groupNamed("staff").id())).count();
    assertThat(staff).isEqualTo(org.users().stream().filter(SeedUser::active).count());
  }

  @Test
  void idsAreStableAcrossListingsAndRenames() throws Exception {
    ContractDirectory d = seeded();
    String name = SeedOrg.standard(USERS, DOMAIN).users().get(4).userName();
    String id = listAll(d).userNamed(name).id();

    d.renameUser(name, "renamed4@" + DOMAIN);
    Collected again = listAll(d);

    assertThat(again.userNamed("renamed4@" + DOMAIN).id()).isEqualTo(id);
    assertThat(again.users).hasSize(USERS);
  }

  @Test
  void reflectsDisabledDeletedAndAddedUsers() throws Exception {
    ContractDirectory d = seeded();
    SeedOrg org = SeedOrg.standard(USERS, DOMAIN);
    d.disableUser(org.users().get(0).userName());
    d.deleteUser(org.users().get(1).userName());
    d.addUser(new SeedUser("newhire@" + DOMAIN, "New", "Hire", true, "Dept0", "Title0"));

    Collected got = listAll(d);

    assertThat(got.userNamed(org.users().get(0).userName()).active()).isFalse();
    assertThat(got.users.values()).extracting(User::userName)
        .doesNotContain(org.users().get(1).userName());
    assertThat(got.userNamed("newhire@" + DOMAIN).active()).isTrue();
    assertThat(got.users).hasSize(USERS);
  }

  @Test
  void failedMiddlePageThrowsInsteadOfEndingTheListing() throws Exception {
    ContractDirectory d = seeded();
    d.failUsersPage(2);

    assertThatThrownBy(() -> ((FullListing) d.connector()).listAll(new Collected()))
        .isInstanceOf(ConnectorException.class);
  }

  @Test
  void deltaReportsChangesSinceTheCursor() throws Exception {
    ContractDirectory d = seeded();
    assumeTrue(d.connector() instanceof DeltaListing, "connector has no delta capability");
    SeedOrg org = SeedOrg.standard(USERS, DOMAIN);
    Collected full = new Collected();
    Cursor cursor = ((FullListing) d.connector()).listAll(full).cursor();
    assertThat(cursor).as("a delta-capable connector returns a cursor from a full listing").isNotNull();

    String renamed = org.users().get(5).userName();
    String deleted = org.users().get(8).userName();
    d.renameUser(renamed, "moved5@" + DOMAIN);
    d.deleteUser(deleted);

    Collected delta = new Collected();
    Cursor next = ((DeltaListing) d.connector()).listChanges(cursor, delta);

    assertThat(next).isNotNull();
    String renamedId = full.userNamed(renamed).id();
    String deletedId = full.userNamed(deleted).id();
    assertThat(delta.userChanges).anySatisfy(c -> {
      assertThat(c).isInstanceOf(UserChange.Upsert.class);
      assertThat(c.id()).isEqualTo(renamedId);
      assertThat(((UserChange.Upsert) c).user().userName()).isEqualToIgnoringCase("moved5@" + DOMAIN);
    });
    assertThat(delta.userChanges).anySatisfy(c -> {
      assertThat(c).isInstanceOf(UserChange.Removed.class);
      assertThat(c.id()).isEqualTo(deletedId);
    });
    Set<String> touched = delta.userChanges.stream().map(UserChange::id).collect(Collectors.toSet());
    assertThat(touched).as("only changed users are reported").containsOnly(renamedId, deletedId);
  }

  @Test
  void connectionCheckSucceedsAgainstAHealthySource() throws Exception {
    ContractDirectory d = seeded();
    assumeTrue(d.connector() instanceof ConnectionCheck, "connector has no connection check");
    assertThat(((ConnectionCheck) d.connector()).checkConnection()).isNotBlank();
  }
}
