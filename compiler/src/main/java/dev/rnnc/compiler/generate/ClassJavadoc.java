package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.util.List;
import java.util.Locale;

/**
 * The class comment of a generated evaluator: what a user needs to call it (inputs, outputs) and to
 * understand it (order, backward edges, state size). Every name from the spec is escaped with
 * {@link JavaText#javadoc}.
 */
final class ClassJavadoc {

  /** Longer lists are cut, so that a huge model does not get a huge comment. */
  private static final int LIST_MAX = 40;

  private ClassJavadoc() {}

  static String of(Schedule schedule, ModelInfo info, boolean standalone) {
    StringBuilder b = new StringBuilder();
    b.append("Evaluator for the rnnc model ")
        .append(JavaText.javadoc(info.name()))
        .append(" (")
        .append(info.precision().label())
        .append(" precision).\n\n");
    if (standalone) {
      b.append("<p>Standalone: depends on nothing but the JDK.\n\n");
    }
    if (schedule.graph().math() == MathMode.FAST) {
      b.append(
              "<p>{@code math: fast}: tanh and sigmoid are rational approximations (absolute error"
                  + " below ")
          .append(info.precision() == ModelInfo.Precision.FLOAT ? "4e-7" : "4e-8")
          .append(" for tanh, half that for sigmoid); everything else is exact.\n\n");
    }
    b.append("<p>Inputs, ")
        .append(info.featureCount())
        .append(" features per step, concatenated in this order:\n<ul>\n");
    for (InputDef in : info.inputs()) {
      b.append("  <li>")
          .append(JavaText.javadoc(in.name()))
          .append(": ")
          .append(describe(in, !info.window().equals(Window.NONE)))
          .append('\n');
    }
    if (info.inputs().isEmpty()) {
      b.append("  <li>none\n");
    }
    b.append("</ul>\n\n");
    Window w = info.window();
    if (!w.equals(Window.NONE)) {
      b.append("<p>Window: size ")
          .append(w.size())
          .append(", stride ")
          .append(w.stride())
          .append(w.partial() ? ", partial windows at the start" : "")
          .append(".\n\n");
    }
    b.append("<p>Outputs, ")
        .append(info.outputCount())
        .append(info.outputCount() == 1 ? " column: " : " columns: ")
        .append(join(info.outputNames()))
        .append(".\n\n");
    b.append("<p>Evaluation order (")
        .append(schedule.method().label())
        .append(schedule.optimal() ? ", minimal backward edges" : "")
        .append("): ")
        .append(join(info.order()))
        .append(".\n\n");
    List<ModelInfo.BackwardEdge> backward = info.backwardEdges();
    if (backward.isEmpty()) {
      b.append("<p>Backward edges: none.\n\n");
    } else {
      b.append("<p>Backward edges, which read the source's value from the previous step:\n<ul>\n");
      for (int k = 0; k < Math.min(LIST_MAX, backward.size()); k++) {
        b.append("  <li>")
            .append(JavaText.javadoc(backward.get(k).from()))
            .append(" -&gt; ")
            .append(JavaText.javadoc(backward.get(k).to()))
            .append('\n');
      }
      if (backward.size() > LIST_MAX) {
        b.append("  <li>... and ").append(backward.size() - LIST_MAX).append(" more\n");
      }
      b.append("</ul>\n\n");
    }
    b.append("<p>State: ")
        .append(info.stateSize())
        .append(" values, saved and restored by {@code saveState} and {@code loadState}.\n");
    return b.toString();
  }

  private static String describe(InputDef in, boolean windowed) {
    if (in instanceof VectorInput v) {
      return "vector, "
          + v.size()
          + (v.size() == 1 ? " feature" : " features")
          + " ("
          + JavaText.javadoc(v.featureNames().get(0))
          + (v.size() > 1 ? " .. " + JavaText.javadoc(v.featureNames().get(v.size() - 1)) : "")
          + ")"
          + (windowed ? ", windows reduced by " + v.reduce().name().toLowerCase(Locale.ROOT) : "");
    }
    TokenInput t = (TokenInput) in;
    return "tokens, "
        + t.featureCount()
        + (t.featureCount() == 1 ? " feature" : " features")
        + " ("
        + t.features().name().toLowerCase(Locale.ROOT)
        + " of vocabulary terms: "
        + join(t.vocabulary())
        + ")";
  }

  private static String join(List<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < Math.min(LIST_MAX, names.size()); k++) {
      b.append(k == 0 ? "" : ", ").append(JavaText.javadoc(names.get(k)));
    }
    if (names.size() > LIST_MAX) {
      b.append(", ... and ").append(names.size() - LIST_MAX).append(" more");
    }
    return b.toString();
  }
}
