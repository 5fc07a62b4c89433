package dev.rnnc.benchmarks;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.generate.InMemoryCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Compile time against model size: the three phases of {@code rnnc compile} on sparse scalar graphs
 * of 1k to 1M edges (ten edges per neuron), each timed alone: {@code load} (spec file to scheduled
 * model: parse, check, lower, schedule), {@code generate} (model to Java source text) and {@code
 * javac} (source to bytecode, in memory). Single-shot times: the first runs include JIT warm-up of
 * the compiler itself, as a command-line compile does.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {

  /** A spec on disk. */
  @State(Scope.Benchmark)
  public static class Spec {

    @Param({"1000", "10000", "100000", "1000000"})
    public int edges;

    Workloads files;
    Path spec;

    @Setup(Level.Trial)
    public void setup() {
      files = Workloads.create();
      String name = "Compile" + edges;
      spec =
          files.write(
              name + ".yaml", SparseGraphs.spec(name, Math.max(10, edges / 10), edges, 11L));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      files.close();
    }
  }

  /** The spec's model (made only for the benchmarks that need it). */
  @State(Scope.Benchmark)
  public static class Loaded {
    Model model;

    @Setup(Level.Trial)
    public void setup(Spec s) {
      model = Workloads.load(s.spec);
    }
  }

  /** The model's source. */
  @State(Scope.Benchmark)
  public static class Source {
    JavaFile source;

    @Setup(Level.Trial)
    public void setup(Loaded m) {
      source = Compiler.java(m.model, GenerateOptions.defaults());
    }
  }

  @Benchmark
  public Model load(Spec s) {
    return Workloads.load(s.spec);
  }

  @Benchmark
  public String generate(Loaded m) {
    return Compiler.java(m.model, GenerateOptions.defaults()).toString();
  }

  @Benchmark
  public Map<String, byte[]> javac(Source s) {
    return new InMemoryCompiler().compile(List.of(s.source));
  }
}
