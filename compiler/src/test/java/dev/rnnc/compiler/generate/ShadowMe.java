package dev.rnnc.compiler.generate;

/** A class that InMemoryCompilerTest compiles again under the same name, with another value. */
public final class ShadowMe {
  private ShadowMe() {}

  public static int value() {
    return 1;
  }
}
