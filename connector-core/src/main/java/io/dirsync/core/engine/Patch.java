package io.dirsync.core.engine;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.Fields;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies the fields a delta entry named onto the state known before. A field the source omitted
 * keeps its value; a field it sent as null is cleared (SPEC.md D3).
 */
final class Patch {

  private Patch() {
  }

  static User apply(User base, User values, Set<String> fields) {
    TreeMap<String, String> attrs = new TreeMap<>(base.attributes());
    for (String f : fields) {
      if (f.startsWith(Fields.ATTRIBUTE_PREFIX)) {
        String name = f.substring(Fields.ATTRIBUTE_PREFIX.length());
        String v = values.attributes().get(name);
        if (v == null) {
          attrs.remove(name);
        } else {
          attrs.put(name, v);
        }
      }
    }
    return new User(base.id(),
        pick(fields, Fields.USER_NAME, base.userName(), values.userName()),
        pick(fields, Fields.EMAIL, base.email(), values.email()),
        pick(fields, Fields.GIVEN_NAME, base.givenName(), values.givenName()),
        pick(fields, Fields.FAMILY_NAME, base.familyName(), values.familyName()),
        pick(fields, Fields.DISPLAY_NAME, base.displayName(), values.displayName()),
        fields.contains(Fields.ACTIVE) ? values.active() : base.active(),
        pick(fields, Fields.DEPARTMENT, base.department(), values.department()),
        pick(fields, Fields.JOB_TITLE, base.jobTitle(), values.jobTitle()),
        pick(fields, Fields.MANAGER_ID, base.managerId(), values.managerId()),
        pick(fields, Fields.EMPLOYEE_ID, base.employeeId(), values.employeeId()),
        attrs);
  }

  static Group apply(Group base, Group values, Set<String> fields) {
    return new Group(base.id(),
        pick(fields, Fields.NAME, base.name(), values.name()),
        pick(fields, Fields.EMAIL, base.email(), values.email()),
        pick(fields, Fields.DESCRIPTION, base.description(), values.description()));
  }

  private static <T> T pick(Set<String> fields, String name, T before, T sent) {
    return fields.contains(name) ? sent : before;
  }
}
