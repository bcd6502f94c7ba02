package io.dirsync.emulator.graph;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One directory object of the emulated tenant with a property-level change history: each property
 * remembers the sequence number of its last change, so a delta round can tell "changed since T",
 * "never set" (absent from {@link #props}) and "cleared" (present with a null value) apart.
 * Guarded by the owning {@link GraphDirectory}'s lock.
 */
final class GraphObject {

  enum Kind {
    USER("#microsoft.graph.user"),
    GROUP("#microsoft.graph.group"),
    ORG_CONTACT("#microsoft.graph.orgContact"),
    DEVICE("#microsoft.graph.device"),
    SERVICE_PRINCIPAL("#microsoft.graph.servicePrincipal");

    final String odataType;

    Kind(String odataType) {
      this.odataType = odataType;
    }
  }

  enum State { ACTIVE, SOFT_DELETED, HARD_DELETED }

  final String id;
  final Kind kind;
  final long createdSeq;
  private final Map<String, Object> props = new LinkedHashMap<>();
  private final Map<String, Long> versions = new HashMap<>();
  State state = State.ACTIVE;
  /** When {@link #state} last changed (delete, restore). */
  long stateSeq;
  /** When the object was last restored from a soft delete; 0 if never. */
  long restoredSeq;

  GraphObject(String id, Kind kind, long createdSeq) {
    this.id = id;
    this.kind = kind;
    this.createdSeq = createdSeq;
    this.stateSeq = createdSeq;
  }

  void set(String name, Object value, long seq) {
    props.put(name, value);
    versions.put(name, seq);
  }

  boolean isSet(String name) {
    return props.containsKey(name);
  }

  Object get(String name) {
    return props.get(name);
  }

  String string(String name) {
    Object v = props.get(name);
    return v == null ? null : v.toString();
  }

  long version(String name) {
    return versions.getOrDefault(name, 0L);
  }

  Map<String, Object> props() {
    return Collections.unmodifiableMap(props);
  }

  /** The sequence number of the object's latest change of any kind. */
  long lastChange() {
    long last = Math.max(createdSeq, stateSeq);
    for (long v : versions.values()) {
      last = Math.max(last, v);
    }
    return last;
  }

  boolean active() {
    return state == State.ACTIVE;
  }
}
