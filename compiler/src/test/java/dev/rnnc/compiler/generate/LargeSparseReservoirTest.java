package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.runtime.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leaky reservoir of 10,000 units at 1% density (a million non-zeros in a 10^8-entry matrix)
 * compiles and runs: its matrix is generated, scaled to its spectral radius and evaluated sparse,
 * and the generated class computes the interpreter's bits.
 */
class LargeSparseReservoirTest {

  @Test
  void tenThousandUnitsAtOnePercentCompileAndRun(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("big.yaml");
    Files.writeString(
        spec,
        """
        rnnc: 1
        name: BigReservoir
        inputs:
          u: {type: vector, size: 2}
        groups:
          r: {size: 10000, activation: tanh, leak: 0.5}
          y: {size: 3}
        edges:
          - {from: u, to: r, weights: {init: uniform, seed: 1}}
          - {from: r, to: r, weights: {init: normal, seed: 2, density: 0.01, spectral_radius: 0.9}}
          - {from: r, to: y, weights: {init: normal, scale: 0.01, seed: 3}}
        outputs: [y]
        """);
    Model model = Compiler.load(spec);
    assertThat(model.graph().edges().get(1).weights().isSparse()).isTrue();
    assertThat(model.graph().edges().get(1).weights().stored()).isBetween(950_000, 1_050_000);
    Evaluator generated =
        new InMemoryCompiler(InMemoryCompiler.STRICT)
            .newEvaluator(EvaluatorWriter.write(model.schedule(), GenerateOptions.defaults()));
    Evaluator interpreter = new Interpreter(model.schedule());
    Random rnd = new Random(3);
    double[] a = new double[3];
    double[] b = new double[3];
    for (int t = 0; t < 30; t++) {
      double[] u = {rnd.nextGaussian(), rnd.nextGaussian()};
      generated.step(u, a);
      interpreter.step(u, b);
      assertThat(a).as("step %d", t).isEqualTo(b);
    }
    assertThat(Math.abs(a[0]) + Math.abs(a[1]) + Math.abs(a[2])).isGreaterThan(0);
  }
}
