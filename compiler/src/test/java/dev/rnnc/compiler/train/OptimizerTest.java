package dev.rnnc.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rnnc.compiler.Compiler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hand-computed optimizer steps on one trained scalar (the others are frozen). */
class OptimizerTest {

  private static Parameters one() throws Exception {
    // A single neuron with a trainable bias and no edges: one parameter.
    return Parameters.of(Compiler.load(Path.of("src/test/resources/train/one.yaml")).graph());
  }

  @Test
  void sgdWithMomentumStartsWithTheGradient() throws Exception {
    Parameters p = one();
    Parameters g = p.zeros();
    Optimizer sgd = new Optimizer(Optimizer.Kind.SGD, 0.1, 0.9, p);
    g.bias(0)[0] = 2.0;
    sgd.step(p, g); // b = 2, w = 1 - 0.2
    assertThat(p.bias(0)[0]).isCloseTo(0.8, within(1e-15));
    g.bias(0)[0] = 1.0;
    sgd.step(p, g); // b = 0.9 * 2 + 1 = 2.8, w = 0.8 - 0.28
    assertThat(p.bias(0)[0]).isCloseTo(0.52, within(1e-15));
  }

  @Test
  void adamsFirstStepMovesByTheLearningRate() throws Exception {
    Parameters p = one();
    Parameters g = p.zeros();
    Optimizer adam = new Optimizer(Optimizer.Kind.ADAM, 0.01, 0, p);
    g.bias(0)[0] = -3.0;
    adam.step(p, g); // m̂ = g, v̂ = g², so the step is lr · g / (|g| + ε)
    assertThat(p.bias(0)[0]).isCloseTo(1.0 + 0.01 * 3 / (3 + 1e-8), within(1e-15));
  }

  @Test
  void clipScalesLikeClipGradNorm() throws Exception {
    Parameters g = one().zeros();
    g.bias(0)[0] = 4.0;
    assertThat(Optimizer.clip(g, 1.0)).isEqualTo(4.0);
    assertThat(g.bias(0)[0]).isCloseTo(4.0 / (4.0 + 1e-6), within(1e-15));
    g.bias(0)[0] = 0.5;
    Optimizer.clip(g, 1.0);
    assertThat(g.bias(0)[0]).isEqualTo(0.5);
  }
}
