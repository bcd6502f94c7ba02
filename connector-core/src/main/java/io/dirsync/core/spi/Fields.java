package io.dirsync.core.spi;

import java.util.List;

/** Field names used in partial delta entries ({@link UserChange.Upsert#fields()}). */
public final class Fields {
  public static final String USER_NAME = "userName";
  public static final String EMAIL = "email";
  public static final String GIVEN_NAME = "givenName";
  public static final String FAMILY_NAME = "familyName";
  public static final String DISPLAY_NAME = "displayName";
  public static final String ACTIVE = "active";
  public static final String DEPARTMENT = "department";
  public static final String JOB_TITLE = "jobTitle";
  public static final String MANAGER_ID = "managerId";
  public static final String EMPLOYEE_ID = "employeeId";
  /** Prefix of a custom attribute's field name: {@code attributes.costCenter}. */
  public static final String ATTRIBUTE_PREFIX = "attributes.";

  public static final String NAME = "name";
  public static final String DESCRIPTION = "description";

  public static final List<String> USER_STANDARD = List.of(USER_NAME, EMAIL, GIVEN_NAME, FAMILY_NAME,
      DISPLAY_NAME, ACTIVE, DEPARTMENT, JOB_TITLE, MANAGER_ID, EMPLOYEE_ID);
  public static final List<String> GROUP_STANDARD = List.of(NAME, EMAIL, DESCRIPTION);

  public static String attribute(String name) {
    return ATTRIBUTE_PREFIX + name;
  }

  private Fields() {
  }
}
