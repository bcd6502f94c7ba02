package io.dirsync.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.User;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The JSON edge of the core: how users and groups are stored in the snapshot and shown in actions.
 * Serialisation is canonical (record component order, attributes sorted, nulls written), so equal
 * objects have equal bytes and {@link #hash} can stand for "unchanged".
 */
public final class Json {

  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .addModule(new SimpleModule("dirsync-model").addSerializer(User.class, new UserSerializer()))
      .build();

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private Json() {
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static User readUser(String json) {
    return read(json, User.class);
  }

  public static Group readGroup(String json) {
    return read(json, Group.class);
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("corrupt JSON in state database for " + type.getSimpleName(), e);
    }
  }

  /** First 64 bits of the SHA-256 of the canonical JSON: equal hashes mean equal content. */
  public static long hash(String canonicalJson) {
    return hash(canonicalJson.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #hash(String)} of the canonical JSON's UTF-8 bytes. */
  public static long hash(byte[] canonicalJsonUtf8) {
    byte[] d = SHA256.get().digest(canonicalJsonUtf8);
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }
}
