package io.dirsync.daemon.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorFactory;
import io.dirsync.core.spi.ConnectorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Reads the YAML configuration of DESIGN.md into validated records. Every mistake is a
 * {@link ConfigError} naming the file and the key; unknown keys and unknown types are mistakes.
 * Relative paths ({@code state.path}, a jsonl sink's {@code path}) are resolved against the
 * configuration file's folder.
 */
public final class ConfigLoader {

  public static final String DEFAULT_SCHEDULE = "0 0 2 * * ?";
  public static final Duration DEFAULT_DELTA_EVERY = Duration.ofMinutes(15);
  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
  private static final Set<String> TOP = Set.of("state", "defaults", "directories", "sinks", "tls", "daemon");
  private static final Set<String> COMMON = Set.of("id", "type", "schedule", "deltaEvery", "safety", "nestedGroups",
      "retry", "rateLimit");

  private final ConnectorRegistry registry;
  private final Function<String, String> env;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final ObjectMapper binder = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  public ConfigLoader(ConnectorRegistry registry, Function<String, String> env) {
    this.registry = registry;
    this.env = env;
  }

  public DirsyncConfig load(Path file) {
    JsonNode root = parse(file);
    new Variables(file, env).expand(root, "");
    return new Reader(file).read(root);
  }

  private JsonNode parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigError(file, "", "no such file (give --config FILE or set DIRSYNC_CONFIG)");
    } catch (IOException e) {
      throw new ConfigError(file, "", "cannot read: " + e.getMessage());
    }
    try {
      JsonNode root = yaml.readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new ConfigError(file, "", "is empty");
      }
      if (!root.isObject()) {
        throw new ConfigError(file, "", "must be a mapping of keys (state, defaults, directories, sinks, tls, daemon)");
      }
      return root;
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
        throw new ConfigError(file, "line " + (m.getProblemMark().getLine() + 1) + ", column "
            + (m.getProblemMark().getColumn() + 1), "not valid YAML: " + m.getProblem());
      }
      var loc = e.getLocation();
      throw new ConfigError(file, loc == null ? "" : "line " + loc.getLineNr(),
          "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
  }

  /** Reads one file; holds the file for error messages. */
  private final class Reader {
    private final Path file;
    private final Path base;

    private JsonNode defaults = yaml.createObjectNode();

    Reader(Path file) {
      this.file = file;
      Path parent = file.toAbsolutePath().getParent();
      this.base = parent == null ? Path.of(".") : parent;
    }

    DirsyncConfig read(JsonNode root) {
      onlyKeys(root, "", TOP);
      JsonNode state = object(root, "state");
      onlyKeys(state, "state", Set.of("path", "retention"));
      Path statePath = base.resolve(text(state, "state", "path", "./dirsync.db")).normalize();
      Duration retention = DirsyncConfig.DEFAULT_RETENTION;
      String r = text(state, "state", "retention", null);
      if (r != null) {
        try {
          retention = Duration.parse(r);
        } catch (DateTimeParseException e) {
          throw new ConfigError(file, "state.retention", "not an ISO-8601 duration: '" + r + "'; e.g. P90D");
        }
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
          throw new ConfigError(file, "state.retention", "must be at least one day (P1D), was " + r);
        }
      }

      JsonNode defaults = object(root, "defaults");
      onlyKeys(defaults, "defaults", Set.of("schedule", "deltaEvery", "safety", "nestedGroups", "retry", "rateLimit"));
      this.defaults = defaults;
      String schedule = cron(defaults, "defaults", DEFAULT_SCHEDULE);
      Duration deltaEvery = duration(defaults, "defaults", DEFAULT_DELTA_EVERY);
      SafetyPolicy safety = safety(defaults.get("safety"), "defaults.safety", SafetyPolicy.DEFAULT);
      NestedGroups nested = nested(defaults, "defaults", NestedGroups.DIRECT);

      JsonNode tls = object(root, "tls");
      onlyKeys(tls, "tls", Set.of("caFile"));
      Optional<Path> ca = Optional.ofNullable(tls.get("caFile")).map(n -> {
        Path p = base.resolve(n.asText());
        if (!Files.isReadable(p)) {
          throw new ConfigError(file, "tls.caFile", "cannot read " + p);
        }
        return p;
      });

      List<DirectoryConfig> dirs = new ArrayList<>();
      JsonNode list = root.get("directories");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new ConfigError(file, "directories", "must list at least one directory");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        DirectoryConfig d = directory(list.get(i), "directories[" + i + "]", schedule, deltaEvery, safety, nested);
        if (!ids.add(d.id())) {
          throw new ConfigError(file, "directories[" + i + "].id", "duplicate directory id '" + d.id() + "'");
        }
        dirs.add(d);
      }
      return new DirsyncConfig(file, statePath, ca, dirs, sinks(root.get("sinks")),
          DaemonSection.read(file, root.get("daemon")), retention);
    }

    private DirectoryConfig directory(JsonNode node, String at, String schedule, Duration deltaEvery,
        SafetyPolicy safety, NestedGroups nested) {
      if (!node.isObject()) {
        throw new ConfigError(file, at, "must be a mapping with id, type and the connector's keys");
      }
      String id = text(node, at, "id", null);
      if (id == null) {
        throw new ConfigError(file, at + ".id", "is required");
      }
      if (!ID.matcher(id).matches()) {
        throw new ConfigError(file, at + ".id", "must match [a-z0-9-]+, was '" + id + "'");
      }
      String type = text(node, at, "type", null);
      if (type == null) {
        throw new ConfigError(file, at + ".type", "is required (one of " + registry.types() + ")");
      }
      ConnectorFactory<?> factory = registry.find(type).orElseThrow(() -> new ConfigError(file, at + ".type",
          "unknown type '" + type + "' (installed: " + String.join(", ", registry.types()) + ")"));
      ObjectNode own = ((ObjectNode) node).deepCopy();
      own.remove(COMMON);
      Record config = bind(own, factory.configType(), at);
      return new DirectoryConfig(id, type, cron(node, at, schedule), duration(node, at, deltaEvery),
          safety(node.get("safety"), at + ".safety", safety), nested(node, at, nested), factory, config,
          (io.dirsync.core.http.RetryConfig) merged(node, "retry", at, io.dirsync.core.http.RetryConfig.class, null),
          (io.dirsync.core.http.RateLimitConfig) merged(node, "rateLimit", at,
              io.dirsync.core.http.RateLimitConfig.class, factory.defaultRateLimit()));
    }

    /**
     * Binds {@code defaults.<key>} overlaid key by key with {@code <at>.<key>}, both over the
     * connector type's own defaults when it has them; an error names the key where the offending
     * value was written.
     *
     * @param typeDefaults the connector type's values for the keys left out, or null
     */
    private Record merged(JsonNode directory, String key, String at, Class<? extends Record> type,
        Record typeDefaults) {
      JsonNode base = defaults.get(key);
      JsonNode own = directory.get(key);
      for (JsonNode n : new JsonNode[] {base, own}) {
        if (n != null && !n.isObject() && !n.isNull()) {
          throw new ConfigError(file, (n == base ? "defaults" : at) + "." + key, "must be a mapping");
        }
      }
      if (base != null && base.isObject()) {
        bind(base, type, "defaults." + key);
      }
      ObjectNode all = typeDefaults != null ? yaml.valueToTree(typeDefaults) : yaml.createObjectNode();
      for (JsonNode n : new JsonNode[] {base, own}) {
        if (n != null && n.isObject()) {
          all.setAll((ObjectNode) n);
        }
      }
      return bind(all, type, at + "." + key);
    }

    private Record bind(JsonNode node, Class<? extends Record> type, String at) {
      try {
        return binder.treeToValue(node, type);
      } catch (ValueInstantiationException e) {
        Throwable c = e.getCause();
        if (c instanceof ConfigException ce) {
          String key = join(join(at, pathOf(e)), ce.key());
          throw new ConfigError(file, key, ce.getMessage());
        }
        throw new ConfigError(file, join(at, pathOf(e)), c == null ? e.getOriginalMessage() : c.getMessage());
      } catch (UnrecognizedPropertyException e) {
        throw new ConfigError(file, join(at, pathOf(e)), "unknown key (known: "
            + knownKeys(e) + ")");
      } catch (InvalidFormatException e) {
        throw new ConfigError(file, join(at, pathOf(e)), "expected " + e.getTargetType().getSimpleName()
            .toLowerCase(Locale.ROOT));
      } catch (MismatchedInputException e) {
        String target = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        throw new ConfigError(file, join(at, pathOf(e)), "expected " + describe(target));
      } catch (JsonProcessingException e) {
        throw new ConfigError(file, at, e.getOriginalMessage());
      } catch (ConfigException e) {
        throw new ConfigError(file, join(at, e.key()), e.getMessage());
      }
    }

    private List<SinkConfig> sinks(JsonNode list) {
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new ConfigError(file, "sinks", "must list at least one sink (e.g. - type: jsonl, path: ./actions.jsonl)");
      }
      List<SinkConfig> out = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String at = "sinks[" + i + "]";
        JsonNode s = list.get(i);
        if (!s.isObject()) {
          throw new ConfigError(file, at, "must be a mapping with a type");
        }
        String type = text(s, at, "type", null);
        if (type == null) {
          throw new ConfigError(file, at + ".type", "is required (jsonl)");
        }
        SinkConfig sink = switch (type) {
          case "jsonl" -> {
            onlyKeys(s, at, Set.of("type", "id", "path"));
            String path = text(s, at, "path", null);
            if (path == null || path.isBlank()) {
              throw new ConfigError(file, at + ".path", "is required (a file, or - for standard output)");
            }
            boolean stdout = path.equals("-");
            Path p = stdout ? Path.of("-") : base.resolve(path).normalize();
            yield new SinkConfig.Jsonl(text(s, at, "id", "jsonl:" + (stdout ? "-" : p)), p, stdout);
          }
          case "webhook" -> webhook(s, at);
          default -> throw new ConfigError(file, at + ".type", "unknown sink type '" + type + "' (known: jsonl, webhook)");
        };
        if (!ids.add(sink.id())) {
          throw new ConfigError(file, at + ".id", "two sinks share the id '" + sink.id() + "'; give each its own id");
        }
        out.add(sink);
      }
      return out;
    }

    private SinkConfig.Webhook webhook(JsonNode s, String at) {
      onlyKeys(s, at, Set.of("type", "id", "url", "secret", "batchSize", "timeout"));
      String url = text(s, at, "url", null);
      if (url == null || url.isBlank()) {
        throw new ConfigError(file, at + ".url", "is required");
      }
      java.net.URI u;
      try {
        u = java.net.URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new ConfigError(file, at + ".url", "is not a URL");
      }
      boolean loopback = "127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()) || "[::1]".equals(u.getHost());
      if (u.getHost() == null || !("https".equals(u.getScheme()) || ("http".equals(u.getScheme()) && loopback))) {
        throw new ConfigError(file, at + ".url", "must be an https:// URL (http:// only on loopback)");
      }
      String secret = text(s, at, "secret", null);
      if (secret == null || secret.length() < 16) {
        throw new ConfigError(file, at + ".secret", "is required, at least 16 characters (e.g. ${env:DIRSYNC_WEBHOOK_SECRET})");
      }
      int batch = integer(s, at, "batchSize", 1);
      if (batch < 1 || batch > 1000) {
        throw new ConfigError(file, at + ".batchSize", "must be between 1 and 1000, was " + batch);
      }
      Duration timeout = Duration.ofSeconds(30);
      String t = text(s, at, "timeout", null);
      if (t != null) {
        try {
          timeout = Duration.parse(t);
        } catch (DateTimeParseException e) {
          throw new ConfigError(file, at + ".timeout", "not an ISO-8601 duration: '" + t + "'; e.g. PT30S");
        }
      }
      // The default id is stored in the state database and shown by status: never with credentials.
      String id = text(s, at, "id", "webhook:" + io.dirsync.core.action.WebhookSink.redact(url));
      return new SinkConfig.Webhook(id, url, new io.dirsync.core.spi.Secret(secret), batch, timeout);
    }

    private SafetyPolicy safety(JsonNode node, String at, SafetyPolicy inherited) {
      if (node == null) {
        return inherited;
      }
      if (!node.isObject()) {
        throw new ConfigError(file, at, "must be a mapping with maxDeactivations and/or maxDeactivationPercent");
      }
      onlyKeys(node, at, Set.of("maxDeactivations", "maxDeactivationPercent"));
      try {
        return new SafetyPolicy(integer(node, at, "maxDeactivations", inherited.maxDeactivations()),
            integer(node, at, "maxDeactivationPercent", inherited.maxDeactivationPercent()));
      } catch (ConfigException e) {
        throw new ConfigError(file, at + "." + e.key(), e.getMessage());
      }
    }

    private int integer(JsonNode node, String at, String key, int dflt) {
      JsonNode v = node.get(key);
      if (v == null) {
        return dflt;
      }
      if (!v.canConvertToInt() || !v.isIntegralNumber()) {
        throw new ConfigError(file, at + "." + key, "expected a whole number, was '" + v.asText() + "'");
      }
      return v.intValue();
    }

    private String cron(JsonNode node, String at, String dflt) {
      String v = text(node, at, "schedule", dflt);
      if (!CronExpression.isValidExpression(v)) {
        String why;
        try {
          CronExpression.validateExpression(v);
          why = "";
        } catch (java.text.ParseException e) {
          why = " (" + e.getMessage() + ")";
        }
        throw new ConfigError(file, join(at, "schedule"), "not a Quartz cron expression: '" + v + "'" + why
            + "; e.g. \"0 0 2 * * ?\" for 02:00 every day");
      }
      return v;
    }

    private Duration duration(JsonNode node, String at, Duration dflt) {
      String v = text(node, at, "deltaEvery", null);
      if (v == null) {
        return dflt;
      }
      try {
        Duration d = Duration.parse(v);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
          throw new ConfigError(file, join(at, "deltaEvery"), "must be at least one second (PT1S), was " + v);
        }
        return d;
      } catch (DateTimeParseException e) {
        throw new ConfigError(file, join(at, "deltaEvery"), "not an ISO-8601 duration: '" + v + "'; e.g. PT15M");
      }
    }

    private NestedGroups nested(JsonNode node, String at, NestedGroups dflt) {
      String v = text(node, at, "nestedGroups", null);
      if (v == null) {
        return dflt;
      }
      return switch (v) {
        case "direct" -> NestedGroups.DIRECT;
        case "flatten" -> NestedGroups.FLATTEN;
        default -> throw new ConfigError(file, join(at, "nestedGroups"), "must be direct or flatten, was '" + v + "'");
      };
    }

    private JsonNode object(JsonNode root, String key) {
      JsonNode n = root.get(key);
      if (n == null || n.isNull()) {
        return yaml.createObjectNode();
      }
      if (!n.isObject()) {
        throw new ConfigError(file, key, "must be a mapping");
      }
      return n;
    }

    private String text(JsonNode node, String at, String key, String dflt) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return dflt;
      }
      if (!v.isValueNode()) {
        throw new ConfigError(file, join(at, key), "must be a single value");
      }
      return v.asText();
    }

    private void onlyKeys(JsonNode node, String at, Set<String> allowed) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String k = names.next();
        if (!allowed.contains(k)) {
          throw new ConfigError(file, join(at, k), "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        }
      }
    }
  }

  private static String knownKeys(UnrecognizedPropertyException e) {
    List<String> known = new ArrayList<>();
    if (e.getKnownPropertyIds() != null) {
      e.getKnownPropertyIds().forEach(o -> known.add(String.valueOf(o)));
    }
    known.sort(null);
    return String.join(", ", known);
  }

  private static String describe(String target) {
    return switch (target) {
      case "List", "ArrayList" -> "a list";
      case "Map", "LinkedHashMap" -> "a mapping";
      case "String" -> "a single value";
      default -> target.toLowerCase(Locale.ROOT);
    };
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String join(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b == null ? "" : b;
    }
    return b == null || b.isEmpty() ? a : a + "." + b;
  }
}
