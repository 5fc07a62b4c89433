package dev.rnnc.compiler.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.runtime.Evaluator;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The LSTM written by hand in {@code specs/examples/hand_lstm.yaml} (elementwise edges, product
 * aggregation, a pinned order) computes what {@code specs/examples/lstm_cell.yaml}, the same
 * weights as one {@code cell: lstm} group, computes: the two differ only in where the bias is
 * added, so they agree to rounding.
 */
class HandWrittenLstmTest {

  @Test
  void handWrittenGatesEqualTheLstmCell() throws Exception {
    Evaluator hand =
        new Interpreter(Compiler.load(Path.of("../specs/examples/hand_lstm.yaml")).schedule());
    Evaluator cell =
        new Interpreter(Compiler.load(Path.of("../specs/examples/lstm_cell.yaml")).schedule());
    Random rnd = new Random(5);
    double[] a = new double[2];
    double[] b = new double[2];
    for (int t = 0; t < 500; t++) {
      double[] x = {rnd.nextGaussian() * 2, rnd.nextGaussian() * 2};
      hand.step(x, a);
      cell.step(x, b);
      assertThat(a[0]).as("step %d", t).isCloseTo(b[0], org.assertj.core.data.Offset.offset(1e-14));
      assertThat(a[1]).as("step %d", t).isCloseTo(b[1], org.assertj.core.data.Offset.offset(1e-14));
    }
  }
}
