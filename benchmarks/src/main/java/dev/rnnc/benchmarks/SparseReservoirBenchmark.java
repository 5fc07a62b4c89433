package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.runtime.Evaluator;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A 1,000-unit leaky tanh reservoir at density 0.01 (about 10,000 non-zeros of 1,000,000 entries),
 * one step of generated code, stored sparse (as the compiler stores a sparse {@code init}) against
 * the same reservoir stored dense. The dense twin reads its matrix from a CSV file in which every
 * zero is replaced by 1e-30, so that the compiler keeps it dense: it costs the same as a dense
 * matrix with those zeros, and its outputs differ from the sparse one's by about 1e-27.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SparseReservoirBenchmark {

  static final int UNITS = 1000;

  /** Both reservoirs and an input stream. */
  @State(Scope.Thread)
  public static class Reservoirs {

    /**
     * {@code tanh}: a leaky tanh reservoir; {@code identity}: the same matrix without leak or
     * activation, which isolates the matrix-vector product from the per-unit work.
     */
    @Param({"tanh", "identity"})
    public String units;

    Workloads files;
    Evaluator sparse;
    Evaluator dense;
    double[][] us;
    double[] out = new double[1];
    int t;

    @Setup(Level.Trial)
    public void setup() {
      files = Workloads.create();
      Path sparseSpec = files.write("SparseReservoir.yaml", spec("SparseReservoir", SPARSE, units));
      Model model = Workloads.load(sparseSpec);
      Matrix w = model.graph().edges().get(1).weights();
      if (!w.isSparse()) {
        throw new IllegalStateException("the reservoir should be stored sparse");
      }
      StringBuilder csv = new StringBuilder(UNITS * UNITS * 6);
      for (int i = 0; i < UNITS; i++) {
        for (int j = 0; j < UNITS; j++) {
          double v = w.get(i, j);
          csv.append(j == 0 ? "" : ",").append(v == 0 ? "1e-30" : Double.toString(v));
        }
        csv.append('\n');
      }
      files.write("dense_w.csv", csv.toString());
      Model denseModel =
          Workloads.load(
              files.write(
                  "DenseReservoir.yaml", spec("DenseReservoir", "{file: dense_w.csv}", units)));
      if (denseModel.graph().edges().get(1).weights().isSparse()) {
        throw new IllegalStateException("the twin should be stored dense");
      }
      sparse = Workloads.generated(model);
      dense = Workloads.generated(denseModel);
      SplittableRandom random = new SplittableRandom(7);
      us = new double[1000][1];
      for (double[] u : us) {
        u[0] = 2 * random.nextDouble() - 1;
      }
      double[] a = new double[1];
      double[] b = new double[1];
      for (double[] u : us) {
        sparse.step(u, a);
        dense.step(u, b);
      }
      if (!(Math.abs(a[0] - b[0]) < 1e-9)) {
        throw new IllegalStateException("sparse and dense disagree: " + a[0] + " vs " + b[0]);
      }
      sparse.reset();
      dense.reset();
    }

    int next() {
      int s = t;
      t = s + 1 == us.length ? 0 : s + 1;
      return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      files.close();
    }
  }

  private static final String SPARSE =
      "{init: normal, seed: 2, density: 0.01, spectral_radius: 0.95}";

  private static String spec(String name, String reservoir, String units) {
    return "rnnc: 1\nname: "
        + name
        + "\ninputs:\n  u: {type: vector, size: 1}\ngroups:\n  r: {size: "
        + UNITS
        + (units.equals("tanh") ? ", activation: tanh, leak: 0.3}" : "}")
        + "\nneurons:\n  out: {}\nedges:\n"
        + "  - {from: u, to: r, weights: {init: uniform, scale: 1.0, seed: 1}}\n"
        + "  - {from: r, to: r, weights: "
        + reservoir
        + "}\n  - {from: r, to: out, weights: {init: normal, scale: 0.05, seed: 3}}\n"
        + "outputs: [out]\n";
  }

  @Benchmark
  public double sparseStep(Reservoirs r) {
    r.sparse.step(r.us[r.next()], r.out);
    return r.out[0];
  }

  @Benchmark
  public double denseStep(Reservoirs r) {
    r.dense.step(r.us[r.next()], r.out);
    return r.out[0];
  }
}
