package io.dirsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.engine.RunReport;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark honest as the engine changes: on a small directory the scenario seeds, and
 * every run from a restored copy commits exactly the 1 % plan (a run that failed or planned
 * something else would otherwise be timed as if it were the diff).
 */
class FullDiffScenarioTest {

  @Test
  void eachRunFromARestoredCopyCommitsTheOnePercentPlan(@TempDir Path dir) {
    FullDiffScenario s = new FullDiffScenario(dir, 4000);
    assertThat(s.prepareTemplate()).isTrue();
    assertThat(s.prepareTemplate()).as("the template is reused").isFalse();
    for (int i = 0; i < 2; i++) {
      s.restore();
      RunReport r = s.run();
      assertThat(r.record().counts()).containsEntry("user.update", 32).containsEntry("user.deactivate", 6)
          .containsEntry("user.create", 2);
      assertThat(s.lastConnector().listed()).isEqualTo(4000 - 2 + 2);
    }
    s.cleanUp();
  }

  @Test
  void idsAreDistinctAndOnePercentChanges() {
    GeneratedDirectory d = new GeneratedDirectory(20_000);
    Set<String> ids = new HashSet<>();
    int changed = 0;
    for (long i = 0; i < d.size(); i++) {
      ids.add(GeneratedDirectory.id(i));
      ids.add(d.created(i).id());
      if (!d.before(i).equals(d.current(i)) || GeneratedDirectory.change(i) == GeneratedDirectory.Change.CREATE_NEIGHBOUR) {
        changed++;
      }
    }
    assertThat(ids).hasSize(40_000);
    assertThat(changed).isEqualTo(200);
    assertThat(d.expected().total()).isEqualTo(200);
    assertThat(d.before(5).employeeId()).isEqualTo("E00000005");
    assertThat(d.before(123_456_789).employeeId()).isEqualTo("E123456789");
    assertThat(d.before(7).userName()).isEqualTo(d.before(7).givenName().toLowerCase(java.util.Locale.ROOT) + "."
        + d.before(7).familyName().toLowerCase(java.util.Locale.ROOT) + ".7@example.com");
  }
}
