package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Cell;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Doubles;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo.Precision;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random valid graphs with schedules, for differential tests: cycles, every delay kind, neurons and
 * groups, element references on both ends, every activation and aggregation, delayed input edges,
 * both precisions. The order is a random permutation; effective delays follow from it, and {@code
 * delay: 0} edges are only drawn forward (so there are no algebraic loops).
 */
public final class RandomGraphs {

  private static final SourcePosition AT = SourcePosition.startOf(GraphBuilder.SOURCE);

  private RandomGraphs() {}

  /** Shape limits of one family of random graphs. */
  public record Shape(
      int maxInputs,
      int maxInputSize,
      int maxNeurons,
      int maxGroups,
      int maxGroupSize,
      int maxEdges) {
    public static final Shape SMALL = new Shape(2, 4, 6, 3, 6, 16);

    /** Wide enough that row edges go through the dot-product helper (more than 8 columns). */
    public static final Shape WIDE = new Shape(2, 14, 4, 3, 14, 12);

    public static final Shape MEDIUM = new Shape(3, 10, 60, 6, 20, 220);
  }

  public static Schedule schedule(String name, Precision precision, Shape shape, Random rnd) {
    return schedule(name, precision, shape, rnd, Extras.NONE);
  }

  /** What a random graph may hold beyond language v1's nodes and dense edges (DESIGN §8). */
  public enum Extras {
    NONE,
    /** Leaky nodes, diagonal (elementwise) edges and sparse matrices. */
    SPARSE_AND_LEAK,
    /** Those and LSTM/GRU cells. */
    ALL
  }

  /** A random scheduled graph, with {@code extras}; the same draws as before for NONE. */
  public static Schedule schedule(
      String name, Precision precision, Shape shape, Random rnd, Extras extras) {
    List<InputDef> inputs = new ArrayList<>();
    int inputCount = rnd.nextInt(shape.maxInputs() + 1);
    for (int i = 0; i < inputCount; i++) {
      inputs.add(new VectorInput("x" + i, 1 + rnd.nextInt(shape.maxInputSize()), Reduce.SUM));
    }
    int neuronCount = rnd.nextInt(shape.maxNeurons() + 1);
    int groupCount = rnd.nextInt(shape.maxGroups() + 1);
    if (neuronCount + groupCount == 0) {
      neuronCount = 1;
    }
    List<Node> nodes = new ArrayList<>();
    for (int k = 0; k < neuronCount + groupCount; k++) {
      boolean group = k >= neuronCount;
      int size = group ? 1 + rnd.nextInt(shape.maxGroupSize()) : 1;
      Activation act = Activation.values()[rnd.nextInt(Activation.values().length)];
      double alpha =
          act.hasAlpha() && rnd.nextBoolean() ? round(rnd.nextDouble() * 0.5) : act.defaultAlpha();
      Aggregation agg =
          rnd.nextInt(3) == 0
              ? Aggregation.SUM
              : Aggregation.values()[rnd.nextInt(Aggregation.values().length)];
      double[] bias = new double[size];
      if (rnd.nextBoolean()) {
        double b = value(rnd);
        java.util.Arrays.fill(bias, b);
      } else {
        for (int i = 0; i < size; i++) {
          bias[i] = value(rnd);
        }
      }
      double gain =
          switch (rnd.nextInt(3)) {
            case 0 -> 1.0;
            case 1 -> -1.0;
            default -> value(rnd);
          };
      double[] initial = new double[size];
      if (rnd.nextBoolean()) {
        for (int i = 0; i < size; i++) {
          initial[i] = value(rnd);
        }
      }
      String name0 = (group ? "g" : "n") + k;
      Cell cell = Cell.NONE;
      double leak = 1.0;
      if (extras == Extras.ALL && group && rnd.nextInt(3) == 0) {
        cell = rnd.nextBoolean() ? Cell.LSTM : Cell.GRU;
      } else if (extras != Extras.NONE && rnd.nextInt(3) == 0) {
        leak = rnd.nextBoolean() ? 0.3 : round(0.05 + 0.9 * rnd.nextDouble());
      }
      double[] recurrentBias = new double[0];
      if (cell != Cell.NONE) {
        bias = new double[size * cell.gates()];
        recurrentBias = new double[bias.length];
        for (int i = 0; i < bias.length; i++) {
          bias[i] = value(rnd) * 0.5;
          recurrentBias[i] = value(rnd) * 0.5;
        }
      }
      nodes.add(
          new Node(
              k,
              name0,
              group,
              size,
              cell == Cell.NONE ? act : Activation.IDENTITY,
              cell == Cell.NONE ? alpha : 0.0,
              cell == Cell.NONE ? agg : Aggregation.SUM,
              Doubles.of(bias),
              cell == Cell.NONE ? gain : 1.0,
              Doubles.of(initial),
              AT,
              true,
              leak,
              cell,
              Doubles.of(recurrentBias)));
    }
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      order.add(k);
    }
    Collections.shuffle(order, rnd);
    int[] pos = new int[order.size()];
    for (int i = 0; i < order.size(); i++) {
      pos[order.get(i)] = i;
    }
    List<Edge> edges = new ArrayList<>();
    int edgeCount = rnd.nextInt(shape.maxEdges() + 1);
    for (int k = 0; k < edgeCount; k++) {
      Port from;
      boolean fromInput = !inputs.isEmpty() && rnd.nextInt(3) == 0;
      if (fromInput) {
        int in = rnd.nextInt(inputs.size());
        int size = inputs.get(in).featureCount();
        from = rnd.nextBoolean() ? Port.input(in, 0, size) : Port.input(in, rnd.nextInt(size), 1);
      } else {
        from = nodePort(nodes, rnd);
      }
      Port to = nodePort(nodes, rnd);
      Node target = nodes.get(to.index());
      if (target.isCell()) {
        to = Port.node(target.index(), 0, target.size());
      }
      Delay delay;
      if (from.isInput()) {
        delay = Delay.fixed(rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0);
      } else {
        int r = rnd.nextInt(6);
        if (r == 0 && pos[from.index()] < pos[to.index()]) {
          delay = Delay.ZERO;
        } else if (r == 1) {
          delay = Delay.fixed(1 + rnd.nextInt(3));
        } else {
          delay = Delay.AUTO;
        }
      }
      if (target.isCell()
          && from.isNode()
          && from.index() == target.index()
          && from.size() == target.size()
          && (delay.auto() ? false : delay.steps() != 1)) {
        delay = Delay.AUTO; // a cell's recurrent edge reads h(t-1)
      }
      int rows = to.size() * target.cell().gates();
      Matrix matrix;
      if (extras != Extras.NONE
          && !target.isCell()
          && from.size() == to.size()
          && to.size() > 1
          && rnd.nextInt(3) == 0) {
        double[] d = new double[to.size()];
        for (int i = 0; i < d.length; i++) {
          d[i] = rnd.nextInt(8) == 0 ? 0.0 : value(rnd) * 0.7;
        }
        matrix = Matrix.diagonal(d);
      } else {
        boolean sparse = extras != Extras.NONE && rows > 1 && rnd.nextInt(3) == 0;
        double[] w = new double[rows * from.size()];
        for (int i = 0; i < w.length; i++) {
          w[i] = rnd.nextInt(sparse ? 2 : 10) == 0 ? 0.0 : value(rnd) * 0.7;
          if (sparse && rnd.nextInt(3) != 0) {
            w[i] = 0.0;
          }
        }
        matrix = new Matrix(rows, from.size(), w);
        matrix = sparse ? matrix.compact() : matrix;
      }
      edges.add(new Edge(k, from, to, matrix, delay, AT));
    }
    List<Port> outputs = new ArrayList<>();
    for (Node n : nodes) {
      if (rnd.nextInt(4) != 0) {
        outputs.add(
            n.group() && rnd.nextInt(3) == 0
                ? Port.node(n.index(), rnd.nextInt(n.size()), 1)
                : Port.node(n.index(), 0, n.size()));
      }
    }
    Graph graph =
        new Graph(
            GraphBuilder.SOURCE,
            name,
            "gen.random",
            precision,
            inputs,
            Window.NONE,
            nodes,
            edges,
            outputs,
            Optional.of(order),
            List.of(),
            MathMode.EXACT);
    return GraphBuilder.schedule(graph);
  }

  private static Port nodePort(List<Node> nodes, Random rnd) {
    Node n = nodes.get(rnd.nextInt(nodes.size()));
    if (n.group() && rnd.nextInt(3) == 0) {
      return Port.node(n.index(), rnd.nextInt(n.size()), 1);
    }
    return Port.node(n.index(), 0, n.size());
  }

  /** A value with a varied exponent and sign, sometimes a small integer or zero. */
  static double value(Random rnd) {
    return switch (rnd.nextInt(8)) {
      case 0 -> 0.0;
      case 1 -> rnd.nextInt(5) - 2;
      default -> rnd.nextGaussian() * (rnd.nextBoolean() ? 1.0 : 0.1);
    };
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** Random features for one step: mostly moderate values, sometimes exactly 0 or negative zero. */
  public static double[] features(int count, Random rnd) {
    double[] f = new double[count];
    for (int i = 0; i < count; i++) {
      f[i] =
          switch (rnd.nextInt(12)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            default -> rnd.nextGaussian() * 1.5;
          };
    }
    return f;
  }
}
