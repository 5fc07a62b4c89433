package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.generate.RandomGraphs.Shape;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code step} allocates nothing: measured with the JVM's per-thread allocation counter around many
 * steps after warm-up (so the code runs interpreted, then compiled). This counts bytes, not time,
 * so it does not depend on the machine's speed.
 */
class AllocationFreeStepTest {

  /** Keeps the calibration allocation from being optimized away. */
  private static Object sink;

  @Test
  void stepAllocatesNothing() {
    List<Schedule> schedules = new ArrayList<>();
    schedules.add(elman(Precision.DOUBLE));
    schedules.add(elman(Precision.FLOAT));
    Random rnd = new Random(41L);
    for (int k = 0; k < 6; k++) {
      schedules.add(
          RandomGraphs.schedule(
              "Alloc" + k, k % 2 == 0 ? Precision.DOUBLE : Precision.FLOAT, Shape.MEDIUM, rnd));
    }
    List<JavaFile> files = new ArrayList<>();
    for (int k = 0; k < schedules.size(); k++) {
      // Half of them with small budgets: chunked methods, neurons spanning methods, packed
      // constants.
      files.add(
          k % 2 == 0
              ? EvaluatorWriter.write(schedules.get(k), GenerateOptions.defaults())
              : EvaluatorWriter.write(schedules.get(k), GenerateOptions.defaults(), 300, 0));
    }
    List<Evaluator> evaluators = new InMemoryCompiler().newEvaluators(files);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);
    // The counter works: an allocation shows up.
    assertThat(measure(threads, () -> sink = new long[1000])).isGreaterThanOrEqualTo(8000);
    for (Evaluator e : evaluators) {
      double[][] features = new double[64][];
      for (int t = 0; t < features.length; t++) {
        features[t] = RandomGraphs.features(e.info().featureCount(), rnd);
      }
      double[] outputs = new double[e.info().outputCount()];
      run(e, features, outputs, 30_000);
      long baseline = measure(threads, () -> {});
      long allocated = measure(threads, () -> run(e, features, outputs, 20_000));
      assertThat(allocated - baseline)
          .as("bytes allocated by 20000 steps of " + e.info().name())
          .isLessThanOrEqualTo(0);
    }
  }

  private static void run(Evaluator e, double[][] features, double[] outputs, int steps) {
    for (int t = 0; t < steps; t++) {
      e.step(features[t & 63], outputs);
    }
  }

  private static long measure(com.sun.management.ThreadMXBean threads, Runnable r) {
    long before = threads.getCurrentThreadAllocatedBytes();
    r.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static Schedule elman(Precision precision) {
    GraphBuilder b = new GraphBuilder("Elman" + precision).precision(precision).vector("x", 5);
    b.neuron("y").activation(Activation.SIGMOID).aggregation(Aggregation.SUM);
    b.group("h", 32).activation(Activation.TANH).bias(0.1);
    Random rnd = new Random(42L);
    b.edge("x", "h", new Matrix(32, 5, gaussians(rnd, 160)), Delay.ZERO);
    b.edge("h", "h", new Matrix(32, 32, gaussians(rnd, 1024)), Delay.fixed(1));
    b.edge("h", "y", new Matrix(1, 32, gaussians(rnd, 32)), Delay.AUTO);
    b.output("y").output("h");
    return b.schedule();
  }

  private static double[] gaussians(Random rnd, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = rnd.nextGaussian() * 0.2;
    }
    return d;
  }
}
