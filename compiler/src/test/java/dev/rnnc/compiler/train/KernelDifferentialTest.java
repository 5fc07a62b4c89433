package dev.rnnc.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.generate.ClassFiles;
import dev.rnnc.compiler.generate.InMemoryCompiler;
import dev.rnnc.compiler.generate.RandomGraphs;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated kernels against the reference BPTT on the random graphs the forward differential test
 * uses (every activation, aggregation and delay form, neurons, groups, element edges, delayed
 * inputs, both precisions): outputs, the state after the chunk and every gradient entry, bit for
 * bit, in chunks that start from arbitrary states. All kernels compile in one javac run.
 */
class KernelDifferentialTest {

  private static final List<String> STRICT = List.of("-Xlint:all", "-Werror");

  @Test
  void kernelsComputeTheReferenceBits() throws Exception {
    Random rnd = new Random(31_337L);
    List<Schedule> schedules = new ArrayList<>();
    for (int g = 0; g < 160; g++) {
      Precision precision = g % 3 == 0 ? Precision.FLOAT : Precision.DOUBLE;
      RandomGraphs.Shape shape =
          switch (g % 6) {
            case 0 -> RandomGraphs.Shape.MEDIUM;
            case 1 -> RandomGraphs.Shape.WIDE;
            default -> RandomGraphs.Shape.SMALL;
          };
      schedules.add(RandomGraphs.schedule("K" + g, precision, shape, rnd));
    }
    List<Kernel> kernels = compile(schedules);
    for (int g = 0; g < schedules.size(); g++) {
      Schedule s = schedules.get(g);
      Parameters params = Parameters.of(s.graph());
      int steps = 1 + rnd.nextInt(9);
      double[][] features = new double[steps][];
      for (int t = 0; t < steps; t++) {
        features[t] = RandomGraphs.features(s.graph().featureCount(), rnd);
      }
      double[] before = s.layout().initialState();
      if (rnd.nextBoolean()) {
        for (int i = 0; i < before.length; i++) {
          before[i] = rnd.nextGaussian();
        }
      }
      double[][] dOut = new double[steps][s.graph().outputCount()];
      for (double[] row : dOut) {
        for (int c = 0; c < row.length; c++) {
          row[c] = rnd.nextInt(5) == 0 ? 0.0 : rnd.nextGaussian();
        }
      }
      assertSameBits("graph " + g, s, params, kernels.get(g), features, before, dOut);
    }
  }

  /**
   * A neuron with 500 incoming edges and a product node with 90: their code is split into methods
   * well under HotSpot's 8000-byte limit, and the results are still the reference's.
   */
  @Test
  void largeFanInIsSplitIntoSmallMethods(@TempDir Path tmp) throws Exception {
    StringBuilder spec =
        new StringBuilder(
            "rnnc: 1\nname: FanIn\ninputs:\n  x: {type: vector, size: 3}\nneurons:\n"
                + "  hub: {activation: tanh}\n  gate: {aggregation: product}\n");
    for (int k = 0; k < 500; k++) {
      spec.append("  n")
          .append(k)
          .append(": {activation: tanh, bias: ")
          .append(k * 0.001)
          .append("}\n");
    }
    spec.append("edges:\n");
    for (int k = 0; k < 500; k++) {
      spec.append("  - {from: \"x[")
          .append(k % 3)
          .append("]\", to: n")
          .append(k)
          .append(", weight: ")
          .append(0.5 - k * 0.002)
          .append("}\n");
      spec.append("  - {from: n")
          .append(k)
          .append(", to: hub, weight: ")
          .append(0.01 * (k % 7 - 3))
          .append("}\n");
      if (k < 90) {
        spec.append("  - {from: n").append(k).append(", to: gate, weight: 1.01}\n");
      }
    }
    spec.append("  - {from: hub, to: n0, weight: 0.3}\noutputs: [hub, gate]\n");
    Path file = tmp.resolve("fan_in.yaml");
    Files.writeString(file, spec.toString());
    Schedule s = Compiler.load(file).schedule();

    JavaFile source = KernelWriter.write(s);
    Map<String, byte[]> classes =
        InMemoryCompiler.withClassesOf(STRICT, Kernel.class, Activation.class)
            .compile(List.of(source));
    for (byte[] classFile : classes.values()) {
      assertThat(ClassFiles.codeLengths(classFile).values()).allMatch(length -> length < 8000);
    }
    Kernel kernel = compile(List.of(s)).get(0);
    Parameters params = Parameters.of(s.graph());
    Random rnd = new Random(2L);
    double[][] features = new double[6][3];
    for (double[] row : features) {
      for (int f = 0; f < 3; f++) {
        row[f] = rnd.nextGaussian();
      }
    }
    double[][] dOut = new double[6][2];
    for (double[] row : dOut) {
      row[0] = 1.0;
      row[1] = -0.5;
    }
    assertSameBits("fan-in", s, params, kernel, features, s.layout().initialState(), dOut);
  }

  /**
   * Groups fed by 12 and by 13 whole groups: the first takes the backward pass eight rows at a
   * time, in methods of constant offsets, the second one row at a time; every method stays under
   * HotSpot's 8000-byte limit, and both give the reference's bits.
   */
  @Test
  void manyCoveringEdgesStayUnderTheMethodLimit(@TempDir Path tmp) throws Exception {
    for (int sources :
        new int[] {KernelWriter.MAX_INTERLEAVED_EDGES, KernelWriter.MAX_INTERLEAVED_EDGES + 1}) {
      StringBuilder spec =
          new StringBuilder(
              "rnnc: 1\nname: Wide"
                  + sources
                  + "\ninputs:\n  x: {type: vector, size: 3}\ngroups:\n"
                  + "  h: {size: 17, activation: tanh}\n");
      for (int k = 0; k < sources; k++) {
        spec.append("  s").append(k).append(": {size: 9, activation: tanh}\n");
      }
      spec.append("edges:\n");
      for (int k = 0; k < sources; k++) {
        spec.append("  - {from: x, to: s")
            .append(k)
            .append(", weights: {init: normal, scale: 0.5, seed: ")
            .append(k + 1)
            .append("}}\n  - {from: s")
            .append(k)
            .append(", to: h, weights: {init: normal, scale: 0.4, seed: ")
            .append(k + 100)
            .append("}}\n");
      }
      spec.append("  - {from: h, to: s0, weights: {init: normal, scale: 0.3, seed: 99}}\n");
      spec.append("outputs: [h]\n");
      Path file = tmp.resolve("wide" + sources + ".yaml");
      Files.writeString(file, spec.toString());
      Schedule s = Compiler.load(file).schedule();
      Map<String, byte[]> classes =
          InMemoryCompiler.withClassesOf(STRICT, Kernel.class, Activation.class)
              .compile(List.of(KernelWriter.write(s)));
      for (byte[] classFile : classes.values()) {
        assertThat(ClassFiles.codeLengths(classFile).values()).allMatch(length -> length < 8000);
      }
      assertThat(KernelWriter.write(s).toString().contains(" b0r8("))
          .as("rows eight at a time with %d edges", sources)
          .isEqualTo(sources <= KernelWriter.MAX_INTERLEAVED_EDGES);
      Kernel kernel = compile(List.of(s)).get(0);
      Parameters params = Parameters.of(s.graph());
      Random rnd = new Random(sources);
      double[][] features = new double[7][3];
      for (double[] row : features) {
        for (int f = 0; f < 3; f++) {
          row[f] = rnd.nextGaussian();
        }
      }
      double[][] dOut = new double[7][17];
      for (double[] row : dOut) {
        for (int c = 0; c < row.length; c++) {
          row[c] = rnd.nextGaussian();
        }
      }
      assertSameBits(
          sources + " sources", s, params, kernel, features, s.layout().initialState(), dOut);
    }
  }

  /**
   * Elman layers (sum nodes whose edges cover them and read distinct rows) take the four-rows-at-
   * a-time forward and backward paths, with a remainder of rows; both precisions.
   */
  @Test
  void interleavedRowsGiveTheReferenceBits(@TempDir Path tmp) throws Exception {
    List<Schedule> schedules = new ArrayList<>();
    for (String precision : List.of("double", "float")) {
      Path file = tmp.resolve("elman_" + precision + ".yaml");
      Files.writeString(
          file,
          "rnnc: 1\nname: Elman"
              + precision
              + "\nprecision: "
              + precision
              + "\ninputs: {x: {type: vector, size: 5}}\n"
              + "groups:\n  h: {size: 13, activation: tanh}\n  o: {size: 6, activation: sigmoid}\n"
              + "edges:\n"
              + "  - {from: x, to: h, weights: {init: normal, scale: 0.5, seed: 1}}\n"
              + "  - {from: h, to: h, weights: {init: normal, scale: 0.3, seed: 2}, delay: 1}\n"
              + "  - {from: o, to: h, weights: {init: normal, scale: 0.3, seed: 3}}\n"
              + "  - {from: h, to: o, weights: {init: normal, scale: 0.5, seed: 4}}\n"
              + "outputs: [o, h]\n");
      schedules.add(Compiler.load(file).schedule());
    }
    List<Kernel> kernels = compile(schedules);
    Random rnd = new Random(9L);
    for (int g = 0; g < schedules.size(); g++) {
      Schedule s = schedules.get(g);
      Parameters params = Parameters.of(s.graph());
      double[][] features = new double[12][5];
      for (double[] row : features) {
        for (int f = 0; f < 5; f++) {
          row[f] = rnd.nextGaussian();
        }
      }
      double[][] dOut = new double[12][s.graph().outputCount()];
      for (double[] row : dOut) {
        for (int c = 0; c < row.length; c++) {
          row[c] = rnd.nextInt(6) == 0 ? 0.0 : rnd.nextGaussian();
        }
      }
      assertSameBits(
          "model " + g, s, params, kernels.get(g), features, s.layout().initialState(), dOut);
    }
  }

  /**
   * Runs the reference engine and the kernel forward from {@code before} and backward from {@code
   * dOut}, and asserts the same bits: outputs, state after, every weight's and bias's gradient.
   */
  private static void assertSameBits(
      String what,
      Schedule s,
      Parameters params,
      Kernel kernel,
      double[][] features,
      double[] before,
      double[][] dOut) {
    Bptt reference = new Bptt(s, params);
    KernelBptt generated = new KernelBptt(s, params, kernel);
    Bptt.Pass want = reference.forward(features, before);
    Bptt.Pass got = generated.forward(features, before);
    for (int t = 0; t < features.length; t++) {
      assertThat(bits(got.outputs[t])).as("%s step %d", what, t).isEqualTo(bits(want.outputs[t]));
    }
    assertThat(bits(got.after)).as("%s state after", what).isEqualTo(bits(want.after));
    Parameters expected = params.zeros();
    reference.backward(want, dOut, expected);
    Parameters actual = params.zeros();
    generated.backward(got, dOut, actual);
    for (int e = 0; e < s.graph().edges().size(); e++) {
      assertThat(bits(actual.weights(e)))
          .as("%s edge %d", what, e)
          .isEqualTo(bits(expected.weights(e)));
    }
    for (int v = 0; v < s.graph().nodes().size(); v++) {
      assertThat(bits(actual.bias(v))).as("%s node %d", what, v).isEqualTo(bits(expected.bias(v)));
    }
  }

  private static List<Kernel> compile(List<Schedule> schedules) throws Exception {
    List<JavaFile> files = new ArrayList<>();
    for (Schedule s : schedules) {
      files.add(KernelWriter.write(s));
    }
    List<Kernel> kernels = new ArrayList<>();
    for (Class<?> c :
        InMemoryCompiler.withClassesOf(STRICT, Kernel.class, Activation.class).load(files)) {
      kernels.add((Kernel) c.getConstructor().newInstance());
    }
    return kernels;
  }

  private static long[] bits(double[] values) {
    long[] b = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = Double.doubleToRawLongBits(values[i]);
    }
    return b;
  }
}
