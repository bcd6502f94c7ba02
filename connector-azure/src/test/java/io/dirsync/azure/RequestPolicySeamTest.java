package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.azure.internal.AzureDeltaConnector;
import io.dirsync.azure.internal.RequestPolicy;
import io.dirsync.core.contract.Collected;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every page goes through the request policy, so a retry layer repeats that page and nothing else. */
class RequestPolicySeamTest {

  @Test
  void aRetriedPageIsRequestedAgainWithTheSameLinkAndTheListingGoesOn() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(20).groups(2).listPageCap(5))) {
      GraphEmulator emu = azure.emulator;
      List<String> retried = new ArrayList<>();
      RequestPolicy recoverOnce = new RequestPolicy() {
        @Override
        public <T> T execute(String operation, Attempt<T> attempt) throws ConnectorException, InterruptedException {
          try {
            return attempt.run();
          } catch (ConnectorException e) {
            if (!e.kind().retryable()) {
              throw e;
            }
            retried.add(operation);
            emu.faults().clear();
            return attempt.run();
          }
        }
      };
      emu.faults().failPage("users", 2, 503);
      try (AzureDeltaConnector connector = new AzureDeltaConnector(azure.config(),
          azure.context(NestedGroups.DIRECT, emu.clock()), recoverOnce)) {
        Collected got = new Collected();
        assertThat(connector.listAll(got).complete()).isTrue();
        assertThat(got.users).hasSize(20);
      }
      assertThat(retried).containsExactly("users page 3");
      Map<String, Long> byLink = emu.journal().matching(r -> r.path().equals("/v1.0/users")).stream()
          .collect(Collectors.groupingBy(GraphRequest::rawQuery, Collectors.counting()));
      assertThat(byLink).hasSize(4);
      assertThat(byLink.values()).containsExactlyInAnyOrder(1L, 1L, 2L, 1L);
    }
  }

  @Test
  void aGroupDeletedDuringTheListingLosesItsMembersButNotTheRun() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(10).groups(3))) {
      GraphEmulator emu = azure.emulator;
      String doomed = emu.groupIds().get(2);
      RequestPolicy deleteFirst = new RequestPolicy() {
        @Override
        public <T> T execute(String operation, Attempt<T> attempt) throws ConnectorException, InterruptedException {
          if (operation.startsWith("members of group " + doomed) && emu.groupIds().contains(doomed)) {
            emu.deleteGroup(doomed);
          }
          return attempt.run();
        }
      };
      try (AzureDeltaConnector connector = new AzureDeltaConnector(azure.config(),
          azure.context(NestedGroups.DIRECT, emu.clock()), deleteFirst)) {
        Collected got = new Collected();
        assertThat(connector.listAll(got).complete()).isTrue();
        assertThat(got.memberships).noneMatch(m -> m.groupId().equals(doomed));
        assertThat(got.memberships).isNotEmpty();
      }
    }
  }
}
