package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.parse.YamlMapping;
import dev.rnnc.compiler.parse.YamlNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The known keys of one YAML mapping, looked up by name (unknown keys were already reported). */
final class Fields {

  private final YamlMapping mapping;
  private final Map<String, YamlMapping.Entry> entries = new LinkedHashMap<>();
  private final Set<String> suggested = new HashSet<>();
  private boolean unreadableKey;

  Fields(YamlMapping mapping) {
    this.mapping = mapping;
  }

  void put(String key, YamlMapping.Entry entry) {
    entries.put(key, entry);
  }

  /** Records that an unknown key was reported with "did you mean '{@code key}'?". */
  void suggested(String key) {
    suggested.add(key);
  }

  /** Records that a key was reported as unreadable (not a scalar, or with a bad tag). */
  void unreadableKey() {
    unreadableKey = true;
  }

  /**
   * Whether {@code key} may be absent only because of a problem already reported: an unknown key
   * reported with {@code key} as the suggestion, or a key that could not be read. Then "missing
   * key" would repeat that report.
   */
  boolean misspelled(String key) {
    return !entries.containsKey(key) && (unreadableKey || suggested.contains(key));
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Optional<YamlNode> get(String key) {
    YamlMapping.Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  /**
   * The value of {@code key}, treating an explicit null ({@code key:} or {@code key: ~}) as absent.
   */
  Optional<YamlNode> getNonNull(String key) {
    return get(key).filter(v -> !Values.isNull(v));
  }

  /** Where the key itself is written; only for keys that are present. */
  SourcePosition keyPosition(String key) {
    return entries.get(key).key().position();
  }

  /** Where the mapping starts. */
  SourcePosition position() {
    return mapping.position();
  }
}
