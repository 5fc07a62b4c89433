package dev.rnnc.compiler.parse;

import dev.rnnc.compiler.diag.SourcePosition;
import java.util.List;
import java.util.Objects;

/** A YAML list. */
public record YamlSequence(List<YamlNode> items, SourcePosition position) implements YamlNode {

  public YamlSequence {
    items = List.copyOf(items);
    Objects.requireNonNull(position, "position");
  }

  @Override
  public String describe() {
    return "a list";
  }
}
