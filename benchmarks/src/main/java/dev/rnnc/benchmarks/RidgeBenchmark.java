package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.train.Parameters;
import dev.rnnc.compiler.train.Ridge;
import dev.rnnc.compiler.train.Targets;
import dev.rnnc.compiler.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ridge read-out training of an echo state network: a 1000-unit tanh reservoir (10% connected,
 * spectral radius 0.9, stored dense) driven by one input for {@value #STEPS} steps, states
 * collected with the read-out teacher-forced, then the normal equations solved by Cholesky (EJML).
 * {@code benchmarks/pytorch/ridge_numpy.py} times NumPy on the same sizes.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RidgeBenchmark {

  public static final int UNITS = 1000;
  public static final int STEPS = 10_000;

  /** The reservoir and its data. */
  @State(Scope.Benchmark)
  public static class Task {
    Model model;
    List<Trainer.Sequence> data;

    @Setup(Level.Trial)
    public void setup() throws IOException {
      Path dir = Files.createTempDirectory("rnnc-ridge-bench");
      Path spec = dir.resolve("esn.yaml");
      Files.writeString(
          spec,
          "rnnc: 1\nname: Esn\ninputs: {u: {type: vector, size: 1}}\n"
              + "groups: {r: {size: "
              + UNITS
              + ", activation: tanh}}\nneurons: {y: {}}\nedges:\n"
              + "  - {from: u, to: r, weights: {init: uniform, scale: 0.5, seed: 1}}\n"
              + "  - {from: r, to: r, weights: {init: normal, seed: 2, density: 0.1,"
              + " spectral_radius: 0.9}, delay: 1}\n"
              + "  - {from: r, to: y, weights: {init: normal, scale: 0.1, seed: 3}}\n"
              + "outputs: [y]\n");
      spec.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      model = Workloads.load(spec);
      SplittableRandom random = new SplittableRandom(5);
      double[][] u = new double[STEPS][1];
      double[][] y = new double[STEPS][1];
      for (int t = 0; t < STEPS; t++) {
        u[t][0] = Math.sin(0.05 * t) + 0.1 * random.nextDouble();
        y[t][0] = Math.sin(0.05 * (t + 1));
      }
      data =
          List.of(
              new Trainer.Sequence(
                  "sine", u, new Targets(new String[] {"y"}, new int[] {0}, new int[] {1}, y)));
    }
  }

  @Benchmark
  public Object collectAndFit(Task task) {
    try {
      return Ridge.fit(
          task.model.schedule(), Parameters.of(task.model.graph()), task.data, 1e-6, 100);
    } catch (Ridge.RidgeException e) {
      throw new IllegalStateException(e);
    }
  }
}
