package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.generate.RandomGraphs.Shape;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated evaluators against the reference interpreter on random graphs with fixed seeds.
 *
 * <p>Comparison is bit equality through {@link Double#doubleToLongBits}: it tells -0.0 from 0.0
 * (the contract fixes the order of every operation, so even signed zeros must agree) and treats all
 * NaNs as one (the payload of a NaN is not part of the contract). Float-precision models are
 * compared the same way: every operation rounds to float in both, so they agree bit for bit too.
 * Each case also checks {@code info()}, the saved state (canonical layout, so it interchanges with
 * the interpreter's), loading a state saved by the interpreter, and {@code reset()}.
 */
class DifferentialTest {

  private static final int STEPS = 24;

  /** A schedule and the class written for it. */
  private record Case(String label, Schedule schedule, JavaFile file) {}

  @Test
  void smallGraphsInDoublePrecision() {
    runAll(
        cases(
            "D",
            Precision.DOUBLE,
            Shape.SMALL,
            160,
            11L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            false));
  }

  @Test
  void smallGraphsInFloatPrecision() {
    runAll(
        cases(
            "F",
            Precision.FLOAT,
            Shape.SMALL,
            160,
            12L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            false));
  }

  @Test
  void wideEdgesUseTheDotProductHelper() {
    List<Case> all = new ArrayList<>();
    all.addAll(
        cases(
            "WD",
            Precision.DOUBLE,
            Shape.WIDE,
            40,
            13L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            false));
    all.addAll(
        cases(
            "WF",
            Precision.FLOAT,
            Shape.WIDE,
            40,
            14L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            false));
    assertThat(all).anyMatch(c -> c.file().toString().contains(" dot("));
    runAll(all);
  }

  /** Tiny budgets give small graphs the shapes of large ones: many methods, spanning neurons. */
  @Test
  void chunkedMethodsAndSpanningNeurons() {
    List<Case> all = new ArrayList<>();
    all.addAll(cases("CD", Precision.DOUBLE, Shape.SMALL, 50, 15L, 120, Integer.MAX_VALUE, false));
    all.addAll(cases("CF", Precision.FLOAT, Shape.WIDE, 50, 16L, 120, Integer.MAX_VALUE, false));
    assertThat(all).anyMatch(c -> c.file().toString().contains("pending ="));
    assertThat(all).anyMatch(c -> c.file().toString().contains("private void step3("));
    runAll(all);
  }

  /** A zero literal budget moves every scalar constant into the packed weight array. */
  @Test
  void constantsInThePackedArray() {
    List<Case> all = new ArrayList<>();
    all.addAll(cases("TD", Precision.DOUBLE, Shape.SMALL, 50, 17L, 300, 0, false));
    all.addAll(
        cases(
            "TF", Precision.FLOAT, Shape.SMALL, 50, 18L, EvaluatorWriter.METHOD_BUDGET, 0, false));
    runAll(all);
  }

  @Test
  void mediumGraphs() {
    List<Case> all = new ArrayList<>();
    all.addAll(
        cases(
            "MD",
            Precision.DOUBLE,
            Shape.MEDIUM,
            12,
            19L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            false));
    all.addAll(
        cases(
            "MF",
            Precision.FLOAT,
            Shape.MEDIUM,
            12,
            20L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            false));
    runAll(all);
  }

  /**
   * Matrices stored as arrays of columns, decoded from several Base64 parts (a part boundary falls
   * inside a column), with column counts that leave 0 to 3 columns after the blocks of four,
   * weights that are exact floats (the widened decoder) or not, in both precisions, read from
   * features, from this step's group and from the state.
   */
  @Test
  void largeMatricesAsColumnArrays() {
    List<Case> all = new ArrayList<>();
    Random rnd = new Random(31L);
    int k = 0;
    for (Precision precision : Precision.values()) {
      for (boolean floatExact : new boolean[] {false, true}) {
        for (int[] shape : new int[][] {{6, 37}, {8, 101}, {5, 12}, {3, 9}}) {
          String name = "Columns" + k++;
          Schedule s = columnsGraph(name, precision, shape[0], shape[1], floatExact, rnd);
          all.add(new Case(name, s, EvaluatorWriter.write(s, GenerateOptions.defaults())));
          if (shape[1] == 101) {
            // The column decoders of a standalone class, which depend on nothing.
            Schedule t =
                columnsGraph(name + "Standalone", precision, shape[0], shape[1], floatExact, rnd);
            all.add(
                new Case(
                    name + " standalone",
                    t,
                    EvaluatorWriter.write(t, GenerateOptions.defaults().withStandalone(true))));
          }
        }
      }
    }
    assertThat(all.get(1).file().toString())
        .contains("private static final double[][] M1 = new double[101][101];");
    assertThat(all.get(2).file().toString()).doesNotContain("dev.rnnc.runtime");
    runAll(all);
  }

  private static Schedule columnsGraph(
      String name, Precision precision, int inputs, int hidden, boolean floatExact, Random rnd) {
    GraphBuilder b = new GraphBuilder(name).precision(precision).vector("x", inputs);
    b.group("h", hidden)
        .activation(Activation.TANH)
        .bias(randomWeights(hidden, 1, floatExact, rnd));
    b.group("g", 7).activation(Activation.SIGMOID);
    b.edge(
        "x",
        "h",
        new Matrix(hidden, inputs, randomWeights(hidden, inputs, floatExact, rnd)),
        Delay.AUTO);
    b.edge(
        "h",
        "h",
        new Matrix(hidden, hidden, randomWeights(hidden, hidden, floatExact, rnd)),
        Delay.fixed(1));
    b.edge("h", "g", new Matrix(7, hidden, randomWeights(7, hidden, floatExact, rnd)), Delay.AUTO);
    b.edge("g", "h", new Matrix(hidden, 7, randomWeights(hidden, 7, floatExact, rnd)), Delay.AUTO);
    b.output("h").output("g");
    return b.schedule();
  }

  private static double[] randomWeights(int rows, int cols, boolean floatExact, Random rnd) {
    double[] w = new double[rows * cols];
    for (int i = 0; i < w.length; i++) {
      double v = rnd.nextGaussian() / Math.sqrt(cols);
      w[i] = floatExact ? (float) v : v;
    }
    return w;
  }

  @Test
  void standaloneClassesComputeTheSame() {
    List<Case> all = new ArrayList<>();
    all.addAll(
        cases(
            "SD",
            Precision.DOUBLE,
            Shape.SMALL,
            40,
            21L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            true));
    all.addAll(
        cases(
            "SF", Precision.FLOAT, Shape.WIDE, 40, 22L, 200, EvaluatorWriter.LITERAL_BUDGET, true));
    for (Case c : all) {
      assertThat(c.file().toString())
          .doesNotContain("dev.rnnc.runtime")
          .doesNotContain("implements");
    }
    runAll(all);
  }

  /**
   * Leaky nodes, elementwise and sparse edges, and LSTM/GRU cells: the generated code computes the
   * interpreter's bits, in double and float, in one method or split over many.
   */
  @Test
  void cellsLeakAndSparseEdgesMatchTheInterpreterBitForBit() {
    List<Case> all = new ArrayList<>();
    all.addAll(
        cases(
            "XD",
            Precision.DOUBLE,
            Shape.SMALL,
            60,
            31L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            false,
            RandomGraphs.Extras.ALL));
    all.addAll(
        cases(
            "XF",
            Precision.FLOAT,
            Shape.WIDE,
            40,
            32L,
            EvaluatorWriter.METHOD_BUDGET,
            EvaluatorWriter.LITERAL_BUDGET,
            false,
            RandomGraphs.Extras.ALL));
    all.addAll(
        cases(
            "XM",
            Precision.DOUBLE,
            Shape.MEDIUM,
            20,
            33L,
            400,
            EvaluatorWriter.LITERAL_BUDGET,
            false,
            RandomGraphs.Extras.ALL));
    all.addAll(
        cases(
            "XS",
            Precision.FLOAT,
            Shape.SMALL,
            30,
            34L,
            200,
            EvaluatorWriter.LITERAL_BUDGET,
            true,
            RandomGraphs.Extras.ALL));
    runAll(all);
  }

  @Test
  void sameScheduleGivesTheSameSource() {
    Random rnd = new Random(23L);
    for (int k = 0; k < 30; k++) {
      Schedule s =
          RandomGraphs.schedule(
              "Same" + k, k % 2 == 0 ? Precision.DOUBLE : Precision.FLOAT, Shape.MEDIUM, rnd);
      assertThat(EvaluatorWriter.write(s, GenerateOptions.defaults()).toString())
          .isEqualTo(EvaluatorWriter.write(s, GenerateOptions.defaults()).toString());
    }
  }

  private static List<Case> cases(
      String prefix,
      Precision precision,
      Shape shape,
      int count,
      long seed,
      int methodBudget,
      int literalBudget,
      boolean standalone) {
    return cases(
        prefix,
        precision,
        shape,
        count,
        seed,
        methodBudget,
        literalBudget,
        standalone,
        RandomGraphs.Extras.NONE);
  }

  private static List<Case> cases(
      String prefix,
      Precision precision,
      Shape shape,
      int count,
      long seed,
      int methodBudget,
      int literalBudget,
      boolean standalone,
      RandomGraphs.Extras extras) {
    Random rnd = new Random(seed);
    List<Case> cases = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      String name = prefix + k;
      Schedule s = RandomGraphs.schedule(name, precision, shape, rnd, extras);
      GenerateOptions options = GenerateOptions.defaults().withStandalone(standalone);
      cases.add(
          new Case(
              name + " (seed " + seed + ")",
              s,
              EvaluatorWriter.write(s, options, methodBudget, literalBudget)));
    }
    return cases;
  }

  /** Compiles every case in one javac run (with every lint as an error) and checks each. */
  private static void runAll(List<Case> cases) {
    List<JavaFile> files = cases.stream().map(Case::file).toList();
    List<Class<?>> classes = new InMemoryCompiler(InMemoryCompiler.STRICT).load(files);
    Random rnd = new Random(99L);
    for (int k = 0; k < cases.size(); k++) {
      Case c = cases.get(k);
      Class<?> type = classes.get(k);
      try {
        check(c, () -> evaluator(type, c.schedule()), rnd);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(c.label() + " failed: " + e.getMessage() + "\n" + c.file(), e);
      }
    }
  }

  private interface Factory {
    Evaluator create();
  }

  private static void check(Case c, Factory factory, Random rnd) {
    Schedule s = c.schedule();
    Evaluator generated = factory.create();
    Interpreter interpreter = new Interpreter(s);
    assertThat(generated.info()).isEqualTo(s.modelInfo());
    int features = s.graph().featureCount();
    int outputs = s.graph().outputCount();
    compareSteps(generated, interpreter, features, outputs, STEPS, rnd, "first run");
    assertSameBits(generated.saveState(), interpreter.saveState(), "saved state");

    // A state saved by the interpreter, loaded into a fresh evaluator, continues identically.
    Evaluator resumed = factory.create();
    resumed.loadState(interpreter.saveState());
    compareSteps(resumed, interpreter, features, outputs, 6, rnd, "after loadState");

    generated.reset();
    interpreter.reset();
    assertSameBits(generated.saveState(), interpreter.saveState(), "state after reset");
    compareSteps(generated, interpreter, features, outputs, 4, rnd, "after reset");

    assertThatThrownBy(() -> generated.loadState(new double[s.stateSize() + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> generated.step(new double[features + 1], new double[outputs]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void compareSteps(
      Evaluator generated,
      Evaluator interpreter,
      int features,
      int outputs,
      int steps,
      Random rnd,
      String phase) {
    double[] a = new double[outputs];
    double[] b = new double[outputs];
    for (int t = 0; t < steps; t++) {
      double[] f = RandomGraphs.features(features, rnd);
      double[] copy = f.clone();
      generated.step(f, a);
      interpreter.step(f, b);
      assertThat(f).as("features are not modified").isEqualTo(copy);
      assertSameBits(a, b, phase + ", step " + t);
    }
  }

  static void assertSameBits(double[] actual, double[] expected, String what) {
    assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      if (Double.doubleToLongBits(actual[i]) != Double.doubleToLongBits(expected[i])) {
        fail(
            what + ": element " + i + " is " + actual[i] + ", the interpreter says " + expected[i]);
      }
    }
  }

  /** An evaluator of a generated class; a standalone class is adapted through method handles. */
  static Evaluator evaluator(Class<?> generated, Schedule schedule) {
    if (Evaluator.class.isAssignableFrom(generated)) {
      return InMemoryCompiler.instantiate(generated);
    }
    return new StandaloneAdapter(generated, schedule.modelInfo());
  }

  /** Calls the public methods of a standalone class, which implements no interface. */
  private static final class StandaloneAdapter implements Evaluator {
    private final Object target;
    private final ModelInfo info;
    private final MethodHandle step;
    private final MethodHandle reset;
    private final MethodHandle saveState;
    private final MethodHandle loadState;

    StandaloneAdapter(Class<?> type, ModelInfo info) {
      this.info = info;
      try {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        target = type.getConstructor().newInstance();
        step =
            lookup
                .findVirtual(
                    type, "step", MethodType.methodType(void.class, double[].class, double[].class))
                .bindTo(target);
        reset = lookup.findVirtual(type, "reset", MethodType.methodType(void.class)).bindTo(target);
        saveState =
            lookup
                .findVirtual(type, "saveState", MethodType.methodType(double[].class))
                .bindTo(target);
        loadState =
            lookup
                .findVirtual(type, "loadState", MethodType.methodType(void.class, double[].class))
                .bindTo(target);
        assertThat(type.getField("FEATURE_COUNT").getInt(null)).isEqualTo(info.featureCount());
        assertThat(type.getField("OUTPUT_COUNT").getInt(null)).isEqualTo(info.outputCount());
        assertThat(type.getField("STATE_SIZE").getInt(null)).isEqualTo(info.stateSize());
        assertThat(type.getField("FEATURE_NAMES").get(null)).isEqualTo(info.featureNames());
        assertThat(type.getField("OUTPUT_NAMES").get(null)).isEqualTo(info.outputNames());
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public ModelInfo info() {
      return info;
    }

    @Override
    public void step(double[] features, double[] outputs) {
      invoke(step, features, outputs);
    }

    @Override
    public void reset() {
      invoke(reset);
    }

    @Override
    public double[] saveState() {
      return (double[]) invoke(saveState);
    }

    @Override
    public void loadState(double[] state) {
      invoke(loadState, (Object) state);
    }

    private static Object invoke(MethodHandle h, Object... args) {
      try {
        return h.invokeWithArguments(args);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
