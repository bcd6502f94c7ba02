package io.dirsync.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resource-unit costs as Microsoft documents them for the identity and access service (SPEC A7). */
class GraphCostsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "/v1.0/users|2",
      "/v1.0/users?$select=id,displayName|1",
      "/v1.0/users?%24select=id&%24top=999|1",
      "/v1.0/users?$top=5|1",
      "/v1.0/users?$select=id&$top=5|1",
      "/v1.0/users?$expand=manager|3",
      "/v1.0/users?$select=id&$expand=manager($select=id)|2",
      "/v1.0/groups|1",
      "/v1.0/groups/abc/members|3",
      "/v1.0/groups/abc/members?$select=id|2",
      "/v1.0/groups/abc/transitiveMembers|5",
      "/v1.0/groups/abc/transitiveMembers?$select=id&$top=10|3",
      "/v1.0/users/delta()?$deltatoken=x|1",
      "/v1.0/groups/abc|1"})
  void documentedCosts(String pathAndQuery, int units) {
    assertThat(GraphCosts.resourceUnits(URI.create("https://graph.microsoft.com" + pathAndQuery))).isEqualTo(units);
  }
}
