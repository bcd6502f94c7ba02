package io.dirsync.emulator.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the emulator's objects the way the Directory API does: {@code admin#directory#…} kinds,
 * quoted etags, times with milliseconds, ids and {@code directMembersCount} as strings, and empty
 * arrays left out.
 */
final class GoogleJson {

  /** Which user fields a listing returns. */
  enum Projection { BASIC, CUSTOM, FULL }

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String ETAG_BASE = "TN30oD80QTVK45AAxvl_wbzs4vs";

  private GoogleJson() {
  }

  static ObjectNode user(GoogleUser u, String customerId, Projection projection, Set<String> customMask,
      boolean domainPublic) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "admin#directory#user");
    n.put("id", u.id());
    n.put("etag", etag(u.toString()));
    n.put("primaryEmail", u.primaryEmail());
    ObjectNode name = n.putObject("name");
    putIfSet(name, "givenName", u.givenName());
    putIfSet(name, "familyName", u.familyName());
    putIfSet(name, "fullName", u.fullName());
    ArrayNode emails = n.putArray("emails");
    emails.addObject().put("address", u.primaryEmail()).put("primary", true);
    u.aliases().forEach(a -> emails.addObject().put("address", a));
    if (u.department() != null || u.title() != null) {
      ObjectNode org = n.putArray("organizations").addObject();
      putIfSet(org, "title", u.title());
      putIfSet(org, "department", u.department());
      org.put("primary", true);
      org.put("customType", "");
    }
    if (domainPublic) {
      return n;
    }
    n.put("isAdmin", u.admin());
    n.put("isDelegatedAdmin", false);
    n.put("lastLoginTime", TIME.format(u.lastLoginTime()));
    n.put("creationTime", TIME.format(u.creationTime()));
    n.put("agreedToTerms", true);
    n.put("suspended", u.suspended());
    if (u.suspended()) {
      n.put("suspensionReason", "ADMIN");
    }
    n.put("archived", u.archived());
    n.put("changePasswordAtNextLogin", false);
    n.put("ipWhitelisted", false);
    if (u.employeeId() != null) {
      n.putArray("externalIds").addObject().put("value", u.employeeId()).put("type", "organization");
    }
    if (u.managerEmail() != null) {
      n.putArray("relations").addObject().put("value", u.managerEmail()).put("type", "manager");
    }
    if (!u.aliases().isEmpty()) {
      ArrayNode aliases = n.putArray("aliases");
      u.aliases().forEach(aliases::add);
    }
    n.put("customerId", customerId);
    n.put("orgUnitPath", u.orgUnitPath());
    n.put("isMailboxSetup", true);
    n.put("isEnrolledIn2Sv", false);
    n.put("isEnforcedIn2Sv", false);
    n.put("includeInGlobalAddressList", true);
    if (projection != Projection.BASIC && !u.customSchemas().isEmpty()) {
      ObjectNode schemas = MAPPER.createObjectNode();
      u.customSchemas().forEach((schema, fields) -> {
        if (projection == Projection.FULL || customMask.contains(schema)) {
          schemas.set(schema, MAPPER.valueToTree(fields));
        }
      });
      if (!schemas.isEmpty()) {
        n.set("customSchemas", schemas);
      }
    }
    return n;
  }

  static ObjectNode group(GoogleGroup g, int directMembersCount) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "admin#directory#group");
    n.put("id", g.id());
    n.put("etag", etag(g.toString() + directMembersCount));
    n.put("email", g.email());
    putIfSet(n, "name", g.name());
    n.put("directMembersCount", Integer.toString(directMembersCount));
    putIfSet(n, "description", g.description());
    n.put("adminCreated", g.adminCreated());
    if (!g.aliases().isEmpty()) {
      ArrayNode aliases = n.putArray("aliases");
      g.aliases().forEach(aliases::add);
    }
    return n;
  }

  static ObjectNode member(GoogleDirectory.ListedMember m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "admin#directory#member");
    n.put("etag", etag(m.toString()));
    n.put("id", m.id());
    putIfSet(n, "email", m.email());
    n.put("role", m.role());
    n.put("type", m.type().name());
    putIfSet(n, "status", m.status());
    return n;
  }

  /** A list response: items left out when there are none, nextPageToken only when more follow. */
  static String list(String kind, String itemsKey, List<ObjectNode> items, String nextPageToken) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", kind);
    n.put("etag", etag(kind + items.size() + nextPageToken));
    if (!items.isEmpty()) {
      n.putArray(itemsKey).addAll(items);
    }
    if (nextPageToken != null) {
      n.put("nextPageToken", nextPageToken);
    }
    return n.toString();
  }

  static ObjectNode deletedUser(GoogleUser u, Instant deletionTime, String customerId) {
    ObjectNode n = user(u, customerId, Projection.BASIC, Set.of(), false);
    n.put("deletionTime", TIME.format(deletionTime));
    return n;
  }

  static String time(Instant t) {
    return TIME.format(t);
  }

  private static void putIfSet(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value);
    }
  }

  static String etag(String content) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(content.getBytes(StandardCharsets.UTF_8));
      return "\"" + ETAG_BASE + "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(d) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> multiValued(String value, String type) {
    return Map.of("value", value, "type", type);
  }
}
