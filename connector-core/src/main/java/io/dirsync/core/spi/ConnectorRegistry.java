package io.dirsync.core.spi;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The installed connectors, by type, as found by {@link ServiceLoader}. */
public final class ConnectorRegistry {

  private final Map<String, ConnectorFactory<?>> byType;

  private ConnectorRegistry(Map<String, ConnectorFactory<?>> byType) {
    this.byType = Collections.unmodifiableMap(byType);
  }

  public static ConnectorRegistry load(ClassLoader loader) {
    Map<String, ConnectorFactory<?>> found = new TreeMap<>();
    for (ConnectorFactory<?> f : ServiceLoader.load(ConnectorFactory.class, loader)) {
      ConnectorFactory<?> previous = found.putIfAbsent(f.type(), f);
      if (previous != null) {
        throw new IllegalStateException("two connectors claim type '" + f.type() + "': "
            + previous.getClass().getName() + " and " + f.getClass().getName());
      }
    }
    return new ConnectorRegistry(found);
  }

  public Optional<ConnectorFactory<?>> find(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  public java.util.Set<String> types() {
    return byType.keySet();
  }
}
