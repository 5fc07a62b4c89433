package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code math: fast}: tanh and sigmoid within their stated error bounds of the exact (interpreted)
 * values, in both precisions, and nothing else changed.
 */
class FastMathTest {

  private static final int SIZE = 64;

  /**
   * x[i] -> t[i] (tanh group) and x[i] -> s[i] (sigmoid group) with weight 1, so each output is the
   * activation of one feature; the features sweep [-12, 12], tiny and huge values, and special
   * values.
   */
  @Test
  void activationsStayWithinTheStatedBounds() {
    for (Precision precision : Precision.values()) {
      Schedule fast = identityGraph("Fast" + precision, precision, MathMode.FAST);
      JavaFile file = EvaluatorWriter.write(fast, GenerateOptions.defaults());
      assertThat(file.toString())
          .contains("fastTanh(")
          .contains("fastSigmoid(")
          .doesNotContain("Activations.tanh")
          .doesNotContain("Activations.sigmoid");
      Evaluator generated = new InMemoryCompiler(InMemoryCompiler.STRICT).newEvaluator(file);
      Interpreter exact = new Interpreter(fast);
      double bound =
          precision == Precision.FLOAT ? MathMode.FAST_TANH_ERROR_FLOAT : MathMode.FAST_TANH_ERROR;
      // The interpreter's float results are rounded: allow the half ulp of that rounding too.
      double rounding = precision == Precision.FLOAT ? 0x1p-25 : 0.0;
      SplittableRandom random = new SplittableRandom(3);
      double[] features = new double[SIZE];
      double[] a = new double[2 * SIZE];
      double[] b = new double[2 * SIZE];
      double worst = 0;
      for (int step = 0; step < 4000; step++) {
        for (int i = 0; i < SIZE; i++) {
          features[i] =
              switch ((step + i) % 4) {
                case 0 -> 24 * random.nextDouble() - 12;
                case 1 -> 4 * random.nextDouble() - 2;
                case 2 -> Math.scalb(2 * random.nextDouble() - 1, -random.nextInt(40));
                default -> 1e6 * (2 * random.nextDouble() - 1);
              };
        }
        generated.step(features, a);
        exact.step(features, b);
        for (int k = 0; k < a.length; k++) {
          double allowed = (k < SIZE ? bound : bound / 2 + 0x1p-24) + rounding;
          double error = Math.abs(a[k] - b[k]);
          worst = Math.max(worst, error);
          if (!(error <= allowed)) {
            fail(
                precision
                    + " "
                    + (k < SIZE ? "tanh" : "sigmoid")
                    + "("
                    + features[k % SIZE]
                    + ") = "
                    + a[k]
                    + ", exact "
                    + b[k]
                    + ": error "
                    + error
                    + " > "
                    + allowed);
          }
        }
      }
      assertThat(worst).as("the approximation is not exact").isPositive();
      double[] special = {
        0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
      };
      for (int i = 0; i < SIZE; i++) {
        features[i] = special[i % special.length];
      }
      generated.step(features, a);
      exact.step(features, b);
      for (int k = 0; k < a.length; k++) {
        boolean bothNaN = Double.isNaN(a[k]) && Double.isNaN(b[k]);
        assertThat(bothNaN || Math.abs(a[k] - b[k]) <= bound + rounding)
            .as("activation of " + special[k % SIZE % special.length] + ": " + a[k] + " vs " + b[k])
            .isTrue();
      }
    }
  }

  @Test
  void onlyTanhAndSigmoidChange() {
    for (Precision precision : Precision.values()) {
      String exact =
          EvaluatorWriter.write(
                  identityGraph("Same", precision, MathMode.EXACT), GenerateOptions.defaults())
              .toString();
      GraphBuilder other = new GraphBuilder("Same").precision(precision).vector("x", 3);
      other.group("r", 3).activation(Activation.RELU);
      other.edge("x", "r", new Matrix(3, 3, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}), Delay.AUTO);
      other.output("r");
      Graph g = other.graph();
      Graph fastGraph =
          new Graph(
              g.source(),
              g.name(),
              g.javaPackage(),
              g.precision(),
              g.inputs(),
              g.window(),
              g.nodes(),
              g.edges(),
              g.outputs(),
              g.explicitOrder(),
              g.weightFiles(),
              MathMode.FAST);
      String withoutTanh =
          EvaluatorWriter.write(GraphBuilder.schedule(fastGraph), GenerateOptions.defaults())
              .toString();
      String withoutTanhExact =
          EvaluatorWriter.write(GraphBuilder.schedule(g), GenerateOptions.defaults()).toString();
      assertThat(exact).doesNotContain("fastTanh");
      assertThat(withoutTanh).doesNotContain("fastTanh");
      // Only the class comment says that the model asked for fast math.
      assertThat(withoutTanh).contains("{@code math: fast}");
      assertThat(withoutTanh.substring(withoutTanh.indexOf("final class")))
          .isEqualTo(withoutTanhExact.substring(withoutTanhExact.indexOf("final class")));
    }
  }

  private static Schedule identityGraph(String name, Precision precision, MathMode math) {
    GraphBuilder b = new GraphBuilder(name).precision(precision).vector("x", SIZE);
    b.group("t", SIZE).activation(Activation.TANH);
    b.group("s", SIZE).activation(Activation.SIGMOID);
    for (int i = 0; i < SIZE; i++) {
      b.edge("x[" + i + "]", "t[" + i + "]", 1.0);
      b.edge("x[" + i + "]", "s[" + i + "]", 1.0);
    }
    b.output("t").output("s");
    Graph g = b.graph();
    Graph graph =
        new Graph(
            g.source(),
            g.name(),
            g.javaPackage(),
            g.precision(),
            g.inputs(),
            g.window(),
            g.nodes(),
            g.edges(),
            g.outputs(),
            g.explicitOrder(),
            g.weightFiles(),
            math);
    return GraphBuilder.schedule(graph);
  }
}
