package io.dirsync.core.contract;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.testing.InMemoryConnector;
import io.dirsync.core.testing.InMemorySource;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Proves the contract suite itself on the in-memory connector. */
class InMemoryConnectorContractTest extends ConnectorContractTest {

  @Override
  protected ContractDirectory open(SeedOrg org, int pageSize) {
    InMemorySource source = new InMemorySource();
    Map<String, String> idsByName = new HashMap<>();
    int n = 0;
    for (SeedUser s : org.users()) {
      String id = "u-" + (++n);
      idsByName.put(s.userName(), id);
      source.putUser(toUser(id, s));
    }
    Map<String, String> groupIds = new HashMap<>();
    for (SeedGroup g : org.groups()) {
      String id = "g-" + g.name();
      groupIds.put(g.name(), id);
      source.putGroup(new Group(id, g.name(), g.email(), null));
    }
    for (SeedGroup g : org.groups()) {
      g.memberUserNames().forEach(u -> source.addMember(groupIds.get(g.name()), idsByName.get(u), MemberType.USER));
      g.memberGroupNames().forEach(x -> source.addMember(groupIds.get(g.name()), groupIds.get(x), MemberType.GROUP));
    }
    InMemoryConnector connector = new InMemoryConnector(source, pageSize, Clock.systemUTC());
    return new ContractDirectory() {
      @Override
      public Connector connector() {
        return connector;
      }

      @Override
      public void renameUser(String userName, String newUserName) {
        User u = source.user(idsByName.get(userName));
        source.putUser(new User(u.id(), newUserName, newUserName, u.givenName(), u.familyName(), u.displayName(),
            u.active(), u.department(), u.jobTitle(), u.managerId(), u.employeeId(), u.attributes()));
        idsByName.put(newUserName, u.id());
      }

      @Override
      public void disableUser(String userName) {
        source.putUser(source.user(idsByName.get(userName)).withActive(false));
      }

      @Override
      public void deleteUser(String userName) {
        source.removeUser(idsByName.get(userName), false);
      }

      @Override
      public void addUser(SeedUser user) {
        String id = "u-new-" + user.userName();
        idsByName.put(user.userName(), id);
        source.putUser(toUser(id, user));
      }

      @Override
      public void failUsersPage(int pageIndex) {
        connector.failUsersPage(pageIndex, ConnectorException.Kind.TRANSIENT);
      }

      @Override
      public void close() {
        connector.close();
      }
    };
  }

  private static User toUser(String id, SeedUser s) {
    return new User(id, s.userName(), s.userName(), s.givenName(), s.familyName(), s.displayName(), s.active(),
        s.department(), s.jobTitle(), null, null, Map.of());
  }
}
