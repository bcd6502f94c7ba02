package io.dirsync.emulator.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which properties the emulated resources have, which are returned by default, and how a property
 * that was never set looks in a list (null, or [] for collections) versus in a delta round
 * (omitted). Property lists follow the Graph v1.0 reference and the fixture files.
 */
final class GraphSchema {

  /** {@code GET /users} without {@code $select} (user-list.md). */
  static final List<String> USER_DEFAULTS = List.of("businessPhones", "displayName", "givenName",
      "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname",
      "userPrincipalName", "id");

  static final Set<String> USER_PROPERTIES = Set.of("id", "accountEnabled", "businessPhones",
      "city", "companyName", "country", "createdDateTime", "department", "displayName", "employeeId",
      "employeeType", "givenName", "jobTitle", "mail", "mailNickname", "mobilePhone",
      "officeLocation", "onPremisesExtensionAttributes", "onPremisesImmutableId",
      "onPremisesSamAccountName", "preferredLanguage", "surname", "usageLocation", "userPrincipalName",
      "userType");

  /** {@code GET /groups} without {@code $select}, in the order of groups_list_01. */
  static final List<String> GROUP_DEFAULTS = List.of("id", "deletedDateTime", "classification",
      "createdDateTime", "description", "displayName", "expirationDateTime", "groupTypes",
      "isAssignableToRole", "mail", "mailEnabled", "mailNickname", "membershipRule",
      "membershipRuleProcessingState", "onPremisesLastSyncDateTime", "onPremisesSecurityIdentifier",
      "onPremisesSyncEnabled", "preferredDataLocation", "preferredLanguage", "proxyAddresses",
      "renewedDateTime", "resourceBehaviorOptions", "resourceProvisioningOptions", "securityEnabled",
      "theme", "visibility", "onPremisesProvisioningErrors");

  /** {@code GET /groups/delta} without {@code $select} (groups_delta_08), members tracked too. */
  static final List<String> GROUP_DELTA_DEFAULTS = List.of("createdDateTime", "description",
      "displayName", "groupTypes", "mail", "mailEnabled", "mailNickname", "securityEnabled");

  private static final Set<String> COLLECTIONS = Set.of("businessPhones", "groupTypes",
      "proxyAddresses", "resourceBehaviorOptions", "resourceProvisioningOptions",
      "onPremisesProvisioningErrors");

  /** The relationship a group delta can track with {@code $select=members}. */
  static final String MEMBERS = "members";
  /** The single-valued relationship a user delta tracks with {@code $select=manager}, lists with {@code $expand}. */
  static final String MANAGER = "manager";
  /** Where the emulator keeps the manager a cleared {@code manager} pointed at, for the removal entry. */
  static final String PREVIOUS_MANAGER = "_previousManager";

  private GraphSchema() {
  }

  static boolean isUserProperty(String name) {
    return USER_PROPERTIES.contains(name) || name.startsWith("extension_");
  }

  static boolean isGroupProperty(String name) {
    return GROUP_DEFAULTS.contains(name) || name.startsWith("extension_");
  }

  /** The value a list shows for a property that was never set. */
  static Object unsetValue(String name) {
    if (COLLECTIONS.contains(name)) {
      return List.of();
    }
    if (name.equals("onPremisesExtensionAttributes")) {
      Map<String, Object> ext = new LinkedHashMap<>();
      for (int i = 1; i <= 15; i++) {
        ext.put("extensionAttribute" + i, null);
      }
      return ext;
    }
    return null;
  }

  /** A list item: every requested property, never-set ones as null (or []). */
  static Map<String, Object> listItem(GraphObject o, List<String> properties) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String p : properties) {
      if (p.equals("id")) {
        out.put("id", o.id);
      } else {
        out.put(p, o.isSet(p) ? o.get(p) : unsetValue(p));
      }
    }
    return out;
  }

  /** A delta entry: requested properties that were ever set (cleared ones as null), then id. */
  static Map<String, Object> deltaItem(GraphObject o, List<String> properties, long changedAfter) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String p : properties) {
      if (!p.equals("id") && !p.equals(MEMBERS) && !p.equals(MANAGER) && o.isSet(p)
          && (changedAfter < 0 || o.version(p) > changedAfter)) {
        out.put(p, o.get(p));
      }
    }
    if (properties.contains(MANAGER) && o.isSet(MANAGER) && (changedAfter < 0 || o.version(MANAGER) > changedAfter)) {
      Object manager = o.get(MANAGER);
      Map<String, Object> ref = managerRef(manager != null ? manager : o.get(PREVIOUS_MANAGER));
      if (manager == null) {
        ref.put("@removed", Map.of("reason", "deleted"));
      }
      out.put("manager@delta", List.of(ref));
    }
    out.put("id", o.id);
    return out;
  }

  static Map<String, Object> managerRef(Object id) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("@odata.type", "#microsoft.graph.user");
    ref.put("id", id);
    return ref;
  }

  static List<String> withoutMembers(List<String> properties) {
    List<String> out = new ArrayList<>(properties);
    out.remove(MEMBERS);
    return out;
  }
}
