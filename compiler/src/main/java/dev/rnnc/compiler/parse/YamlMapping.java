package dev.rnnc.compiler.parse;

import dev.rnnc.compiler.diag.SourcePosition;
import java.util.List;
import java.util.Objects;

/** A YAML mapping in source order. Keys are unique: the reader drops (and reports) repeats. */
public record YamlMapping(List<Entry> entries, SourcePosition position) implements YamlNode {

  public YamlMapping {
    entries = List.copyOf(entries);
    Objects.requireNonNull(position, "position");
  }

  @Override
  public String describe() {
    return "a mapping";
  }

  /** One {@code key: value} pair. */
  public record Entry(YamlNode key, YamlNode value) {

    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    /**
     * The key's text if the key is a scalar, else null (also for a key with a bad tag, which the
     * reader already reported).
     */
    public String keyText() {
      return key instanceof YamlScalar s && s.type() != YamlScalar.Type.INVALID ? s.value() : null;
    }
  }
}
