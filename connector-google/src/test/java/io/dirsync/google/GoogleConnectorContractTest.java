package io.dirsync.google;

import io.dirsync.core.contract.ConnectorContractTest;
import io.dirsync.core.contract.ContractDirectory;
import io.dirsync.core.contract.SeedGroup;
import io.dirsync.core.contract.SeedOrg;
import io.dirsync.core.contract.SeedUser;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.emulator.google.Fault;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.GoogleError;
import io.dirsync.emulator.google.GoogleUser;
import io.dirsync.emulator.google.Resource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector contract through the real Directory client and the real JWT-bearer flow against
 * the Google emulator. The delegated admin lives in a second domain of the same customer and the
 * connector lists {@code domain: contract.example}, so the listing holds exactly the seeded users.
 */
class GoogleConnectorContractTest extends ConnectorContractTest {

  @TempDir
  Path dir;

  @Override
  protected ContractDirectory open(SeedOrg org, int pageSize) throws Exception {
    GoogleEmulator emu = GoogleEmulator.builder().empty().domain(DOMAIN).secondaryDomain("it." + DOMAIN)
        .adminEmail("admin@it." + DOMAIN).start();
    for (SeedUser u : org.users()) {
      emu.addUser(toGoogle(u));
    }
    for (SeedGroup g : org.groups()) {
      emu.createGroup(g.email(), g.name(), null);
    }
    for (SeedGroup g : org.groups()) {
      g.memberUserNames().forEach(u -> emu.addMember(g.email(), u));
      for (String nested : g.memberGroupNames()) {
        String email = org.groups().stream().filter(x -> x.name().equals(nested)).findFirst().orElseThrow().email();
        emu.addMember(g.email(), email);
      }
    }
    emu.faults().pageSizeCap(pageSize);
    EmulatedGoogle google = new EmulatedGoogle(emu, dir);
    // the default retry policy, its waits recorded instead of slept: a failed page is retried, then fails
    GoogleConnector connector = google.connector(google.config(b -> b.set(c -> c.domain = DOMAIN)),
        NestedGroups.DIRECT, EmulatedGoogle.recordingRetries(new java.util.ArrayList<>()));
    return new ContractDirectory() {
      @Override
      public Connector connector() {
        return connector;
      }

      @Override
      public void renameUser(String userName, String newUserName) {
        emu.renameUser(userName, newUserName);
      }

      @Override
      public void disableUser(String userName) {
        emu.suspendUser(userName);
      }

      @Override
      public void deleteUser(String userName) {
        emu.deleteUser(userName);
      }

      @Override
      public void addUser(SeedUser user) {
        emu.addUser(toGoogle(user));
      }

      @Override
      public void failUsersPage(int pageIndex) {
        emu.faults().failPage(Resource.USERS, pageIndex, Fault.of(GoogleError.BACKEND_ERROR_500));
      }

      @Override
      public void close() {
        connector.close();
        google.close();
      }
    };
  }

  private static GoogleUser toGoogle(SeedUser u) {
    return GoogleUser.builder(u.userName()).name(u.givenName(), u.familyName()).suspended(!u.active())
        .department(u.department()).title(u.jobTitle()).build();
  }
}
