package io.dirsync.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${env:NAME}}, {@code ${file:PATH}} and {@code ${credential:NAME}} (a systemd
 * {@code LoadCredential=} file under {@code $CREDENTIALS_DIRECTORY}) in every string of the tree.
 * A file's single trailing newline is dropped. Errors name the key, never the value.
 */
final class Variables {

  private static final Pattern REF = Pattern.compile("\\$\\{(env|file|credential):([^}]*)}");

  private final Path configFile;
  private final Function<String, String> env;

  Variables(Path configFile, Function<String, String> env) {
    this.configFile = configFile;
    this.env = env;
  }

  void expand(JsonNode node, String path) {
    if (node instanceof ObjectNode obj) {
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getValue().isTextual()) {
          e.setValue(new TextNode(expand(e.getValue().asText(), key)));
        } else {
          expand(e.getValue(), key);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        String key = path + "[" + i + "]";
        if (arr.get(i).isTextual()) {
          arr.set(i, new TextNode(expand(arr.get(i).asText(), key)));
        } else {
          expand(arr.get(i), key);
        }
      }
    }
  }

  private String expand(String value, String key) {
    Matcher m = REF.matcher(value);
    if (!m.find()) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(resolve(m.group(1), m.group(2), key)));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  private String resolve(String kind, String name, String key) {
    switch (kind) {
      case "env" -> {
        String v = env.apply(name);
        if (v == null) {
          throw new ConfigError(configFile, key, "environment variable " + name + " is not set");
        }
        return v;
      }
      case "file" -> {
        return read(Path.of(name), key, "file " + name);
      }
      default -> {
        String dir = env.apply("CREDENTIALS_DIRECTORY");
        if (dir == null) {
          throw new ConfigError(configFile, key, "credential " + name
              + " needs $CREDENTIALS_DIRECTORY (set by systemd's LoadCredential=), which is not set");
        }
        return read(Path.of(dir, name), key, "credential " + name);
      }
    }
  }

  private String read(Path file, String key, String what) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new ConfigError(configFile, key, "cannot read " + what + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName()));
    }
  }
}
