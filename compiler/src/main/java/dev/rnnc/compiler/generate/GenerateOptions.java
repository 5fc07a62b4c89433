package dev.rnnc.compiler.generate;

/**
 * How {@link EvaluatorWriter} writes a class.
 *
 * @param javaPackage the package of the generated class, or {@code null} for the graph's own
 *     ({@code package:} in the spec); {@code ""} is the unnamed package
 * @param standalone write a class that depends on nothing but {@code java.*}: it does not implement
 *     {@code dev.rnnc.runtime.Evaluator} and has no {@code info()}, but has the same {@code step},
 *     {@code reset}, {@code saveState} and {@code loadState} methods, the activation formulas
 *     inlined, and constants for feature and output names
 * @param sourceName how the header comment names the spec, e.g. {@code specs/examples/x.yaml};
 *     {@code null} for the spec's file name
 */
public record GenerateOptions(String javaPackage, boolean standalone, String sourceName) {

  /** The graph's package, implementing {@code Evaluator}, the spec named by its file name. */
  public static GenerateOptions defaults() {
    return new GenerateOptions(null, false, null);
  }

  /** These options with another package ({@code null}: the graph's). */
  public GenerateOptions withJavaPackage(String javaPackage) {
    return new GenerateOptions(javaPackage, standalone, sourceName);
  }

  /** These options, standalone or not. */
  public GenerateOptions withStandalone(boolean standalone) {
    return new GenerateOptions(javaPackage, standalone, sourceName);
  }

  /** These options with another name for the spec in the header ({@code null}: its file name). */
  public GenerateOptions withSourceName(String sourceName) {
    return new GenerateOptions(javaPackage, standalone, sourceName);
  }
}
