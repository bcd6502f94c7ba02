package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.delta.DeltaGetResponse;
import io.dirsync.core.http.TrustMaterial;
import io.dirsync.azure.internal.GraphClients;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The emulator read with the SDK's own typed request builders and models, as any Graph SDK user
 * would: its JSON deserializes into the SDK's models and the SDK's {@code /users/delta()} form works.
 */
class SdkCompatibilityTest {

  @Test
  void typedSdkCallsWorkAgainstTheEmulator() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(12).groups(2).listPageCap(5)
        .deltaPageSize(5));
        GraphClients.Session session = GraphClients.open(azure.config(), TrustMaterial.of(Optional.of(azure.caFile)), azure.emulator.clock())) {
      GraphServiceClient graph = session.graph();

      List<User> users = new ArrayList<>();
      UserCollectionResponse page = graph.users().get(rc -> rc.queryParameters.select =
          new String[] {"id", "userPrincipalName", "accountEnabled"});
      users.addAll(page.getValue());
      while (page.getOdataNextLink() != null) {
        page = graph.users().withUrl(page.getOdataNextLink()).get();
        users.addAll(page.getValue());
      }
      assertThat(users).hasSize(12).allSatisfy(u -> assertThat(u.getAccountEnabled()).isNotNull());

      DeltaGetResponse delta = graph.users().delta().get(rc -> rc.queryParameters.select = new String[] {"displayName"});
      int entries = delta.getValue().size();
      while (delta.getOdataNextLink() != null) {
        delta = graph.users().delta().withUrl(delta.getOdataNextLink()).get();
        entries += delta.getValue().size();
      }
      assertThat(entries).isEqualTo(12);
      assertThat(delta.getOdataDeltaLink()).startsWith(azure.emulator.graphUrl() + "/users/delta()?$deltatoken=");
      assertThat(azure.emulator.journal().matching(GraphRequest::isDelta))
          .allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1.0/users/delta()"));

      DirectoryObjectCollectionResponse members = graph.groups().byGroupId(azure.emulator.groupIds().get(0))
          .members().get();
      assertThat(members.getValue()).first().satisfies(m -> assertThat(m.getOdataType()).isEqualTo("#microsoft.graph.user"));
    }
  }
}
