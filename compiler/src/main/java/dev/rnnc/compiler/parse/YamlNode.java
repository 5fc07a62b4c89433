package dev.rnnc.compiler.parse;

import dev.rnnc.compiler.diag.SourcePosition;

/**
 * A YAML value with the position where it starts. The tree is what {@link SpecReader} produces from
 * a spec: only the core schema's scalars, lists and mappings, with aliases already resolved (an
 * aliased value is the same object as its anchor) and duplicate keys already reported.
 */
public sealed interface YamlNode permits YamlScalar, YamlSequence, YamlMapping {

  /** Where the value starts (for an alias: where its anchor's value starts). */
  SourcePosition position();

  /**
   * What the value is, for messages such as "expected a number, got a list": {@code a list}, {@code
   * a mapping}, {@code null}, {@code the string 'abc'}, {@code the integer 3}.
   */
  String describe();
}
