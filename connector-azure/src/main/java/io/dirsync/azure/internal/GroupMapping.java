package io.dirsync.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.spi.Fields;
import io.dirsync.core.spi.GroupChange;
import io.dirsync.core.spi.MembershipChange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Graph group and directory-object JSON → the normalized model. */
public final class GroupMapping {

  static final List<String> SELECT = List.of("id", "displayName", "mail", "description");
  static final List<String> DELTA_SELECT = List.of("displayName", "mail", "description", "members");

  private GroupMapping() {
  }

  static Group fromList(JsonNode g) {
    return new Group(g.path("id").asText(), UserMapping.text(g, "displayName"), UserMapping.text(g, "mail"),
        UserMapping.text(g, "description"));
  }

  /** The member type of a directory object, or null for contacts, devices, service principals. */
  static MemberType memberType(JsonNode member) {
    return switch (member.path("@odata.type").asText()) {
      case "#microsoft.graph.user" -> MemberType.USER;
      case "#microsoft.graph.group" -> MemberType.GROUP;
      default -> null;
    };
  }

  /** A group delta entry: a removal or an upsert naming the properties that were sent. */
  static GroupChange fromDelta(JsonNode g) {
    String id = g.path("id").asText();
    if (g.has("@removed")) {
      return new GroupChange.Removed(id, !"changed".equals(g.path("@removed").path("reason").asText()));
    }
    Set<String> fields = new HashSet<>();
    if (g.has("displayName")) {
      fields.add(Fields.NAME);
    }
    if (g.has("mail")) {
      fields.add(Fields.EMAIL);
    }
    if (g.has("description")) {
      fields.add(Fields.DESCRIPTION);
    }
    return new GroupChange.Upsert(fromList(g), fields, false);
  }

  /** The {@code members@delta} slice of a group entry: adds, and removals marked {@code @removed}. */
  static void memberChanges(JsonNode g, List<MembershipChange> out) {
    String groupId = g.path("id").asText();
    for (JsonNode m : g.path("members@delta")) {
      MemberType type = memberType(m);
      if (type != null && m.hasNonNull("id")) {
        out.add(new MembershipChange(new Membership(groupId, m.get("id").asText(), type), !m.has("@removed")));
      }
    }
  }
}
