package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.runtime.InputDef;
import java.util.Objects;

/** A checked input: its runtime definition and where its name is written. */
public record InputDecl(InputDef def, SourcePosition position) {

  public InputDecl {
    Objects.requireNonNull(def, "def");
    Objects.requireNonNull(position, "position");
  }

  public String name() {
    return def.name();
  }
}
