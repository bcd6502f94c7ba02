package io.dirsync.azure;

import io.dirsync.core.contract.ConnectorContractTest;
import io.dirsync.core.contract.ContractDirectory;
import io.dirsync.core.contract.SeedGroup;
import io.dirsync.core.contract.SeedOrg;
import io.dirsync.core.contract.SeedUser;
import io.dirsync.core.spi.Connector;
import io.dirsync.emulator.graph.GraphEmulator;
import java.util.HashMap;
import java.util.Map;

/** The core's connector contract, run through the Graph SDK against the Graph emulator. */
class AzureConnectorContractTest extends ConnectorContractTest {

  @Override
  protected ContractDirectory open(SeedOrg org, int pageSize) {
    GraphEmulator emu = GraphEmulator.builder().empty().domain(DOMAIN).listPageCap(pageSize).deltaPageSize(pageSize)
        .start();
    for (SeedUser u : org.users()) {
      emu.addUser(u.userName(), properties(u));
    }
    for (SeedGroup g : org.groups()) {
      emu.createGroup(g.name(), g.email());
    }
    for (SeedGroup g : org.groups()) {
      String id = emu.groupId(g.name());
      g.memberUserNames().forEach(n -> emu.addMember(id, emu.userId(n)));
      g.memberGroupNames().forEach(n -> emu.addMember(id, emu.groupId(n)));
    }
    EmulatedAzure azure = new EmulatedAzure(emu);
    return new ContractDirectory() {
      @Override
      public Connector connector() {
        return azure.connector();
      }

      @Override
      public void renameUser(String userName, String newUserName) {
        emu.renameUser(emu.userId(userName), newUserName);
      }

      @Override
      public void disableUser(String userName) {
        emu.disableUser(emu.userId(userName));
      }

      @Override
      public void deleteUser(String userName) {
        emu.softDeleteUser(emu.userId(userName));
      }

      @Override
      public void addUser(SeedUser user) {
        emu.addUser(user.userName(), properties(user));
      }

      @Override
      public void failUsersPage(int pageIndex) {
        emu.faults().failPage("users", pageIndex, 500);
      }

      @Override
      public void close() throws java.io.IOException {
        azure.close();
      }
    };
  }

  private static Map<String, Object> properties(SeedUser u) {
    Map<String, Object> p = new HashMap<>();
    p.put("givenName", u.givenName());
    p.put("surname", u.familyName());
    p.put("displayName", u.displayName());
    p.put("accountEnabled", u.active());
    p.put("mail", u.userName());
    if (u.department() != null) {
      p.put("department", u.department());
    }
    if (u.jobTitle() != null) {
      p.put("jobTitle", u.jobTitle());
    }
    return p;
  }
}
