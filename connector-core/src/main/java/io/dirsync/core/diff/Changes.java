package io.dirsync.core.diff;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Field-level differences, in the order of the action format; {@code active} is not a change here. */
public final class Changes {

  private Changes() {
  }

  public static Map<String, FieldChange> of(User a, User b) {
    Map<String, FieldChange> c = new LinkedHashMap<>();
    put(c, Fields.USER_NAME, a.userName(), b.userName());
    put(c, Fields.EMAIL, a.email(), b.email());
    put(c, Fields.GIVEN_NAME, a.givenName(), b.givenName());
    put(c, Fields.FAMILY_NAME, a.familyName(), b.familyName());
    put(c, Fields.DISPLAY_NAME, a.displayName(), b.displayName());
    put(c, Fields.DEPARTMENT, a.department(), b.department());
    put(c, Fields.JOB_TITLE, a.jobTitle(), b.jobTitle());
    put(c, Fields.MANAGER_ID, a.managerId(), b.managerId());
    put(c, Fields.EMPLOYEE_ID, a.employeeId(), b.employeeId());
    if (!a.attributes().equals(b.attributes())) {
      TreeSet<String> keys = new TreeSet<>(a.attributes().keySet());
      keys.addAll(b.attributes().keySet());
      for (String k : keys) {
        put(c, Fields.attribute(k), a.attributes().get(k), b.attributes().get(k));
      }
    }
    return c;
  }

  public static Map<String, FieldChange> of(Group a, Group b) {
    Map<String, FieldChange> c = new LinkedHashMap<>();
    put(c, Fields.NAME, a.name(), b.name());
    put(c, Fields.EMAIL, a.email(), b.email());
    put(c, Fields.DESCRIPTION, a.description(), b.description());
    return c;
  }

  private static void put(Map<String, FieldChange> c, String field, Object from, Object to) {
    if (!Objects.equals(from, to)) {
      c.put(field, new FieldChange(from, to));
    }
  }
}
