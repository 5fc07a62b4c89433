package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Doubles;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo.Precision;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Large models compile, stay within HotSpot's 8000-byte JIT limit in every method and far from the
 * constant-pool limit, load, and compute what the interpreter computes.
 */
class SizeLimitsTest {

  private static final SourcePosition AT = SourcePosition.startOf(GraphBuilder.SOURCE);
  private static final int HUGE_METHOD_LIMIT = 8000;

  @Test
  void twentyThousandNeuronsAndTwoHundredThousandEdges() {
    Random rnd = new Random(31L);
    int neurons = 20_000;
    int edgeCount = 200_000;
    List<InputDef> inputs = List.of(new VectorInput("x", 8, Reduce.SUM));
    List<Node> nodes = new ArrayList<>();
    Activation[] acts = {Activation.TANH, Activation.IDENTITY, Activation.RELU, Activation.SIGMOID};
    for (int k = 0; k < neurons; k++) {
      Aggregation agg = k % 50 == 7 ? Aggregation.MAX : Aggregation.SUM;
      nodes.add(
          new Node(
              k,
              "n" + k,
              false,
              1,
              acts[k % acts.length],
              0.0,
              agg,
              Doubles.of(new double[] {rnd.nextGaussian() * 0.1}),
              1.0 + (k % 3),
              Doubles.of(new double[] {k % 5 == 0 ? 0.5 : 0.0}),
              AT));
    }
    List<Edge> edges = new ArrayList<>();
    // One neuron with a huge fan-in, so that it spans several methods.
    for (int k = 0; k < 3000; k++) {
      edges.add(
          new Edge(
              edges.size(),
              Port.node(rnd.nextInt(neurons), 0, 1),
              Port.node(5, 0, 1),
              Matrix.scalar(rnd.nextGaussian() * 0.01),
              Delay.AUTO,
              AT));
    }
    while (edges.size() < edgeCount) {
      int to = rnd.nextInt(neurons);
      Port from =
          rnd.nextInt(20) == 0
              ? Port.input(0, rnd.nextInt(8), 1)
              : Port.node(rnd.nextInt(neurons), 0, 1);
      Delay delay =
          from.isInput()
              ? Delay.fixed(rnd.nextInt(3))
              : (rnd.nextInt(10) == 0 ? Delay.fixed(2) : Delay.AUTO);
      edges.add(
          new Edge(
              edges.size(),
              from,
              Port.node(to, 0, 1),
              Matrix.scalar(rnd.nextGaussian() * 0.3),
              delay,
              AT));
    }
    List<Port> outputs =
        List.of(Port.node(0, 0, 1), Port.node(5, 0, 1), Port.node(neurons - 1, 0, 1));
    Graph g =
        new Graph(
            GraphBuilder.SOURCE,
            "Large",
            "gen.size",
            Precision.DOUBLE,
            inputs,
            Window.NONE,
            nodes,
            edges,
            outputs,
            Optional.empty(),
            List.of(),
            MathMode.EXACT);
    Schedule s = GraphBuilder.schedule(g);
    checkLimitsAndRun(EvaluatorWriter.write(s, GenerateOptions.defaults()), s, 8);
  }

  @Test
  void groupWithAMillionWeights() {
    Random rnd = new Random(32L);
    int size = 1000;
    int inputSize = 40;
    List<Node> nodes =
        List.of(
            new Node(
                0,
                "out",
                false,
                1,
                Activation.SIGMOID,
                0.0,
                Aggregation.SUM,
                Doubles.of(new double[1]),
                1.0,
                Doubles.of(new double[1]),
                AT),
            new Node(
                1,
                "h",
                true,
                size,
                Activation.TANH,
                0.0,
                Aggregation.SUM,
                Doubles.of(gaussians(rnd, size, 0.1)),
                1.0,
                Doubles.of(new double[size]),
                AT));
    List<Edge> edges =
        List.of(
            new Edge(
                0,
                Port.input(0, 0, inputSize),
                Port.node(1, 0, size),
                new Matrix(size, inputSize, gaussians(rnd, size * inputSize, 0.3)),
                Delay.ZERO,
                AT),
            new Edge(
                1,
                Port.node(1, 0, size),
                Port.node(1, 0, size),
                new Matrix(size, size, gaussians(rnd, size * size, 1.0 / Math.sqrt(size))),
                Delay.fixed(1),
                AT),
            new Edge(
                2,
                Port.node(1, 0, size),
                Port.node(0, 0, 1),
                new Matrix(1, size, gaussians(rnd, size, 0.05)),
                Delay.AUTO,
                AT));
    Graph g =
        new Graph(
            GraphBuilder.SOURCE,
            "Million",
            "gen.size",
            Precision.DOUBLE,
            List.of(new VectorInput("x", inputSize, Reduce.SUM)),
            Window.NONE,
            nodes,
            edges,
            List.of(Port.node(0, 0, 1), Port.node(1, 0, size)),
            Optional.empty(),
            List.of(),
            MathMode.EXACT);
    Schedule s = GraphBuilder.schedule(g);
    checkLimitsAndRun(EvaluatorWriter.write(s, GenerateOptions.defaults()), s, 10);
  }

  @Test
  void largeFloatGroupAndStandaloneClass() {
    Random rnd = new Random(33L);
    int size = 400;
    List<Node> nodes =
        List.of(
            new Node(
                0,
                "h",
                true,
                size,
                Activation.ELU,
                0.3,
                Aggregation.MEAN,
                Doubles.of(gaussians(rnd, size, 0.1)),
                0.5,
                Doubles.of(gaussians(rnd, size, 0.2)),
                AT));
    List<Edge> edges =
        List.of(
            new Edge(
                0,
                Port.input(0, 0, 30),
                Port.node(0, 0, size),
                new Matrix(size, 30, gaussians(rnd, size * 30, 0.3)),
                Delay.fixed(2),
                AT),
            new Edge(
                1,
                Port.node(0, 0, size),
                Port.node(0, 0, size),
                new Matrix(size, size, gaussians(rnd, size * size, 0.05)),
                Delay.AUTO,
                AT));
    Graph g =
        new Graph(
            GraphBuilder.SOURCE,
            "BigFloat",
            "gen.size",
            Precision.FLOAT,
            List.of(new VectorInput("x", 30, Reduce.SUM)),
            Window.NONE,
            nodes,
            edges,
            List.of(Port.node(0, 0, size)),
            Optional.empty(),
            List.of(),
            MathMode.EXACT);
    Schedule s = GraphBuilder.schedule(g);
    checkLimitsAndRun(EvaluatorWriter.write(s, GenerateOptions.defaults()), s, 6);
    checkLimitsAndRun(
        EvaluatorWriter.write(s, GenerateOptions.defaults().withStandalone(true)), s, 6);
  }

  private static double[] gaussians(Random rnd, int n, double scale) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = rnd.nextGaussian() * scale;
    }
    return d;
  }

  private static void checkLimitsAndRun(JavaFile file, Schedule s, int steps) {
    InMemoryCompiler compiler = new InMemoryCompiler();
    Map<String, byte[]> classes = compiler.compile(List.of(file));
    assertThat(classes).hasSize(1);
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      assertThat(ClassFiles.constantPoolCount(c.getValue()))
          .as("constant pool of " + c.getKey())
          .isLessThan(40_000);
      Map<String, Integer> lengths = ClassFiles.codeLengths(c.getValue());
      assertThat(lengths).containsKeys("step([D[D)V", "<clinit>()V", "<init>()V");
      lengths.forEach(
          (method, length) ->
              assertThat(length)
                  .as("bytecode of " + c.getKey() + "." + method)
                  .isLessThanOrEqualTo(HUGE_METHOD_LIMIT));
    }
    String name = file.packageName() + "." + file.typeSpec().name();
    Class<?> type;
    try {
      type = InMemoryCompiler.classLoader(classes).loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    Evaluator generated = DifferentialTest.evaluator(type, s);
    Interpreter interpreter = new Interpreter(s);
    Random rnd = new Random(34L);
    double[] a = new double[s.graph().outputCount()];
    double[] b = new double[s.graph().outputCount()];
    for (int t = 0; t < steps; t++) {
      double[] f = RandomGraphs.features(s.graph().featureCount(), rnd);
      generated.step(f, a);
      interpreter.step(f, b);
      DifferentialTest.assertSameBits(a, b, "step " + t);
    }
    DifferentialTest.assertSameBits(generated.saveState(), interpreter.saveState(), "state");
  }
}
