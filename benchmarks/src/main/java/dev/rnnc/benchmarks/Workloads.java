package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The models the benchmarks run, written to a fresh temporary directory: the Elman specs beside the
 * weights and ONNX files exported from PyTorch (bundled as resources, see {@code
 * onnx/export_elman.py}), the generated sparse graphs, and the text-window example spec.
 */
final class Workloads {

  /** Input size of every Elman network. */
  static final int ELMAN_INPUT = 32;

  private static final String RESOURCES = "/dev/rnnc/benchmarks/";

  private final Path dir;

  private Workloads(Path dir) {
    this.dir = dir;
  }

  /** A new temporary directory for one benchmark's files; {@link #close()} deletes it. */
  static Workloads create() {
    try {
      return new Workloads(Files.createTempDirectory("rnnc-bench"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path dir() {
    return dir;
  }

  /**
   * Writes the spec of the Elman network with {@code hidden} units ({@code torch.nn.RNN}, tanh,
   * input 32), its weights beside it, and returns its path.
   *
   * @param precision {@code double} or {@code float}
   * @param math {@code exact} (the default, no {@code math:} key) or {@code fast}
   */
  Path elmanSpec(int hidden, String precision, String math) {
    String prefix = "elman_h" + hidden;
    for (String suffix : new String[] {"_w_ih.npy", "_w_hh.npy", "_b.npy", ".onnx"}) {
      extract("elman/" + prefix + suffix);
    }
    String name = "Elman" + hidden + upper(precision) + upper(math);
    String spec =
        "rnnc: 1\n"
            + "name: "
            + name
            + "\n"
            + "precision: "
            + precision
            + "\n"
            + (math.equals("exact") ? "" : "math: " + math + "\n")
            + "inputs:\n"
            + "  x: {type: vector, size: "
            + ELMAN_INPUT
            + "}\n"
            + "groups:\n"
            + "  h: {size: "
            + hidden
            + ", activation: tanh, bias: {file: "
            + prefix
            + "_b.npy}}\n"
            + "edges:\n"
            + "  - {from: x, to: h, weights: {file: "
            + prefix
            + "_w_ih.npy}}\n"
            + "  - {from: h, to: h, weights: {file: "
            + prefix
            + "_w_hh.npy}, delay: 1}\n"
            + "outputs: [h]\n";
    return write(name + ".yaml", spec);
  }

  /**
   * Writes the spec of the {@code kind} ({@code lstm} or {@code gru}) layer with {@code hidden}
   * units exported by {@code onnx/export_cells.py} (input 32), its weights beside it; returns its
   * path.
   */
  Path cellSpec(String kind, int hidden, String precision, String math) {
    String prefix = kind + "_h" + hidden;
    for (String suffix :
        new String[] {"_w_ih.npy", "_w_hh.npy", "_b_ih.npy", "_b_hh.npy", ".onnx"}) {
      extract("cells/" + prefix + suffix);
    }
    String name = upper(kind) + hidden + upper(precision) + upper(math);
    String spec =
        "rnnc: 1\n"
            + "name: "
            + name
            + "\nprecision: "
            + precision
            + "\n"
            + (math.equals("exact") ? "" : "math: " + math + "\n")
            + "inputs:\n  x: {type: vector, size: "
            + ELMAN_INPUT
            + "}\ngroups:\n  h: {size: "
            + hidden
            + ", cell: "
            + kind
            + ", bias: {file: "
            + prefix
            + "_b_ih.npy}, recurrent_bias: {file: "
            + prefix
            + "_b_hh.npy}}\nedges:\n  - {from: x, to: h, weights: {file: "
            + prefix
            + "_w_ih.npy}}\n  - {from: h, to: h, weights: {file: "
            + prefix
            + "_w_hh.npy}}\noutputs: [h]\n";
    return write(name + ".yaml", spec);
  }

  /** The ONNX file of a cell layer (after {@link #cellSpec}). */
  Path cellOnnx(String kind, int hidden) {
    return extract("cells/" + kind + "_h" + hidden + ".onnx");
  }

  /** The float64 reference h after 5 steps of {@link #checkInput} for a cell layer. */
  Path cellCheck(String kind, int hidden) {
    return extract("cells/" + kind + "_h" + hidden + "_check.npy");
  }

  /** The ONNX file of the Elman network with {@code hidden} units (after {@link #elmanSpec}). */
  Path elmanOnnx(int hidden) {
    return extract("elman/elman_h" + hidden + ".onnx");
  }

  /** The float64 reference state after 5 steps of {@link #checkInput} (numpy, from the export). */
  Path elmanCheck(int hidden) {
    return extract("elman/elman_h" + hidden + "_check.npy");
  }

  /** Input {@code j} of step {@code t} of the cross-check sequence the export script used. */
  static double checkInput(int t, int j) {
    return Math.sin(0.1 * (t * ELMAN_INPUT + j));
  }

  /** The text-window example spec (a copy of {@code specs/examples/window_sentiment.yaml}). */
  Path windowSentimentSpec() {
    return extract("window_sentiment.yaml");
  }

  /** Writes {@code text} to a file named {@code name} in the directory. */
  Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path extract(String resource) {
    Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    if (Files.exists(target)) {
      return target;
    }
    try (InputStream in = Workloads.class.getResourceAsStream(RESOURCES + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + resource);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the directory and everything in it. */
  void close() {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a spec, failing with its diagnostics if it is bad. */
  static Model load(Path spec) {
    try {
      return Compiler.load(spec);
    } catch (SpecException e) {
      throw new IllegalStateException("bad benchmark spec " + spec + ":\n" + e.getMessage(), e);
    }
  }

  /** The generated evaluator of {@code model}, compiled in memory. */
  static Evaluator generated(Model model) {
    return Compiler.evaluator(model, GenerateOptions.defaults());
  }

  /** The reference interpreter of {@code model}. */
  static Evaluator interpreter(Model model) {
    return Compiler.interpreter(model);
  }

  private static String upper(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
