package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.train.Loss;
import dev.rnnc.compiler.train.Optimizer;
import dev.rnnc.compiler.train.Targets;
import dev.rnnc.compiler.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step per sequence element: an Elman layer (input 32, H tanh units, batch 1, double)
 * with a linear read-out, MSE on every step of a {@value #LENGTH}-step sequence, forward, backward
 * through time and one Adam update per sequence, divided by the sequence length. The same task as
 * {@code benchmarks/pytorch/training_step.py} measures with PyTorch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrainingBenchmark {

  /** Steps of the sequence. */
  public static final int LENGTH = 100;

  /** Input features. */
  public static final int INPUT = 32;

  /** The model, its data and two trainers. */
  @State(Scope.Thread)
  public static class Task {

    @Param({"16", "64", "256"})
    public int hidden;

    List<Trainer.Sequence> data;
    Trainer generated;
    Trainer reference;

    @Setup(Level.Trial)
    public void setup() {
      Model model = Workloads.load(spec(hidden));
      SplittableRandom random = new SplittableRandom(7);
      double[][] x = new double[LENGTH][INPUT];
      double[][] y = new double[LENGTH][1];
      for (int t = 0; t < LENGTH; t++) {
        for (int j = 0; j < INPUT; j++) {
          x[t][j] = 2 * random.nextDouble() - 1;
        }
        y[t][0] = 2 * random.nextDouble() - 1;
      }
      Targets targets = new Targets(new String[] {"y"}, new int[] {0}, new int[] {1}, y);
      data = List.of(new Trainer.Sequence("random", x, targets));
      Trainer.Settings settings =
          new Trainer.Settings(Loss.MSE, Optimizer.Kind.ADAM, 1e-4, 0, 1, 0, Double.NaN);
      generated = new Trainer(model.schedule(), settings);
      reference = Trainer.withReferenceGradients(model.schedule(), settings);
    }

    private static Path spec(int hidden) {
      try {
        Path dir = Files.createTempDirectory("rnnc-train-bench");
        Path file = dir.resolve("elman" + hidden + ".yaml");
        Files.writeString(
            file,
            "rnnc: 1\n"
                + "name: TrainElman"
                + hidden
                + "\n"
                + "inputs: {x: {type: vector, size: "
                + INPUT
                + "}}\n"
                + "groups: {h: {size: "
                + hidden
                + ", activation: tanh}}\n"
                + "neurons: {y: {}}\n"
                + "edges:\n"
                + "  - {from: x, to: h, weights: {init: uniform, scale: 0.17, seed: 1}}\n"
                + "  - {from: h, to: h, weights: {init: uniform, scale: 0.1, seed: 2}, delay: 1}\n"
                + "  - {from: h, to: y, weights: {init: uniform, scale: 0.1, seed: 3}}\n"
                + "outputs: [y]\n");
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public Object generatedTrainingStep(Task task) throws Exception {
    return task.generated.train(task.data, List.of(), e -> {});
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public Object referenceTrainingStep(Task task) throws Exception {
    return task.reference.train(task.data, List.of(), e -> {});
  }
}
