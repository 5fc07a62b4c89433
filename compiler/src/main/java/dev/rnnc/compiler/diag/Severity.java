package dev.rnnc.compiler.diag;

/** How bad a diagnostic is. Only errors stop a compilation. */
public enum Severity {
  ERROR,
  WARNING;

  /** The word used when rendering: {@code error} or {@code warning}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
