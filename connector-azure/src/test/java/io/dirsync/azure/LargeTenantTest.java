package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.contract.Collected;
import io.dirsync.core.spi.Cursor;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.UserChange;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A 5,000-user tenant: one full listing, then a delta round with 10 changes that reads only delta pages. */
class LargeTenantTest {

  @Test
  void aDeltaRoundAfterAFullListingReadsOnlyDeltaPages() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(5000).groups(12))) {
      GraphEmulator emu = azure.emulator;
      Collected full = new Collected();
      Cursor cursor = ((FullListing) azure.connector()).listAll(full).cursor();
      assertThat(full.users).hasSize(5000);
      assertThat(emu.journal().matching(r -> r.path().equals("/v1.0/users"))).as("5000 users at 999 a page").hasSize(6);

      List<String> ids = emu.userIds();
      for (int i = 0; i < 8; i++) {
        emu.updateUser(ids.get(i * 600), Map.of("jobTitle", "Changed " + i));
      }
      emu.softDeleteUser(ids.get(4999));
      String hire = emu.addUser("hire@contoso.example", "New", "Hire");
      emu.addMember(emu.groupId("All Staff"), hire);
      emu.journal().clear();

      Collected delta = new Collected();
      ((DeltaListing) azure.connector()).listChanges(cursor, delta);

      Set<String> changed = delta.userChanges.stream().map(UserChange::id).collect(Collectors.toSet());
      assertThat(changed).hasSize(10).contains(hire, ids.get(4999));
      List<GraphRequest> graph = emu.journal().graphRequests();
      assertThat(graph).as("only delta pages").allSatisfy(r -> assertThat(r.isDelta()).isTrue());
      assertThat(graph).as("one page of users delta and one of groups delta").hasSize(2);
    }
  }
}
