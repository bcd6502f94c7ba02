package io.dirsync.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.model.User;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecideTest {

  static final User ADA = new User("1", "ada@x", "ada@x", "Ada", "Lovelace", "Ada Lovelace", true, "R&D", "Intern",
      null, "E1", Map.of("costCenter", "41"));

  static StoredUser stored(User u, boolean deleted) {
    return new StoredUser(u, deleted);
  }

  static User retitled() {
    return new User("1", "ada@x", "ada@x", "Ada", "Lovelace", "Ada Lovelace", true, "R&D", "Engineer", null, "E1",
        Map.of("costCenter", "41"));
  }

  static User renamed() {
    return new User("1", "ada.king@x", "ada.king@x", "Ada", "King", "Ada King", true, "R&D", "Intern", null, "E1",
        Map.of("costCenter", "41"));
  }

  static User recosted() {
    return new User("1", "ada@x", "ada@x", "Ada", "Lovelace", "Ada Lovelace", true, "R&D", "Intern", null, "E1",
        Map.of("costCenter", "42", "site", "LDN"));
  }

  static Stream<Arguments> cases() {
    User disabled = ADA.withActive(false);
    return Stream.of(
        // name, before, after, action, reason, changed fields, stored active, stored deleted
        Arguments.of("new user", null, ADA, ActionType.USER_CREATE, null, "", true, false),
        Arguments.of("new user already disabled", null, disabled, ActionType.USER_CREATE, null, "", false, false),
        Arguments.of("unchanged", stored(ADA, false), ADA, null, null, "", null, null),
        Arguments.of("job title changed", stored(ADA, false), retitled(), ActionType.USER_UPDATE, null, "jobTitle", true, false),
        Arguments.of("renamed keeps identity", stored(ADA, false), renamed(), ActionType.USER_UPDATE, null,
            "userName,email,familyName,displayName", true, false),
        Arguments.of("custom attributes", stored(ADA, false), recosted(), ActionType.USER_UPDATE, null,
            "attributes.costCenter,attributes.site", true, false),
        Arguments.of("disabled in source", stored(ADA, false), disabled, ActionType.USER_DEACTIVATE, "disabled", "", false, false),
        Arguments.of("deleted from source", stored(ADA, false), null, ActionType.USER_DEACTIVATE, "deleted", "", false, true),
        Arguments.of("deleted while already disabled: no second action", stored(disabled, false), null, null, null, "", false, true),
        Arguments.of("gone and already known deleted", stored(disabled, true), null, null, null, "", null, null),
        Arguments.of("re-enabled", stored(disabled, false), ADA, ActionType.USER_REACTIVATE, null, "", true, false),
        Arguments.of("restored after delete", stored(disabled, true), ADA, ActionType.USER_REACTIVATE, null, "", true, false),
        Arguments.of("restored but disabled: no action, not deleted", stored(disabled, true), disabled, null, null, "", false, false),
        Arguments.of("disabled user renamed", stored(disabled, false), renamed().withActive(false), ActionType.USER_UPDATE, null,
            "userName,email,familyName,displayName", false, false),
        Arguments.of("never seen and absent", null, null, null, null, "", null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesUser(String name, StoredUser before, User after, ActionType action, String reason, String changed,
      Boolean storedActive, Boolean storedDeleted) {
    UserDecision d = Decide.user(before, after);

    assertThat(d.action()).isEqualTo(action);
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(String.join(",", d.changes().keySet())).isEqualTo(changed);
    if (storedActive == null) {
      assertThat(d.stored()).as("snapshot row untouched").isNull();
    } else {
      assertThat(d.stored().user().active()).isEqualTo(storedActive);
      assertThat(d.stored().deleted()).isEqualTo(storedDeleted);
    }
    if (action != null) {
      assertThat(d.object().active()).as("object.active is the new state").isEqualTo(storedActive);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void updatesCarryFromAndTo(String name, StoredUser before, User after, ActionType action, String reason, String changed,
      Boolean storedActive, Boolean storedDeleted) {
    UserDecision d = Decide.user(before, after);
    d.changes().forEach((field, c) -> assertThat(c.from()).as(field).isNotEqualTo(c.to()));
  }
}
