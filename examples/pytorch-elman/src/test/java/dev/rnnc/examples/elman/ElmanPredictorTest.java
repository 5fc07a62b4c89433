package dev.rnnc.examples.elman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rnnc.examples.elman.ElmanPredictor.Sample;
import dev.rnnc.runtime.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElmanPredictorTest {

  private static final List<Sample> SAMPLES = ElmanPredictor.testSequence();

  /** The generated evaluator, built from PyTorch's exported weights, reproduces PyTorch. */
  @Test
  void reproducesPyTorchsPredictionsTo1e12() {
    double[] rnnc = ElmanPredictor.predict(SAMPLES);

    assertThat(rnnc).hasSize(60);
    for (int t = 0; t < rnnc.length; t++) {
      assertThat(rnnc[t]).as("step %d", t).isCloseTo(SAMPLES.get(t).torch(), within(1e-12));
    }
  }

  @Test
  void aSessionGivesTheSameBitsAsSteppingTheEvaluator() {
    double[][] inputs = SAMPLES.stream().map(s -> new double[] {s.x()}).toArray(double[][]::new);

    List<double[]> rows =
        new Session(new SineElman())
            .runVectors(inputs).stream().map(Session.Step::outputs).toList();

    double[] direct = ElmanPredictor.predict(SAMPLES);
    assertThat(rows).hasSize(direct.length);
    for (int t = 0; t < direct.length; t++) {
      assertThat(Double.doubleToRawLongBits(rows.get(t)[0]))
          .as("step %d", t)
          .isEqualTo(Double.doubleToRawLongBits(direct[t]));
    }
  }

  /** Training worked: the network tracks the clean signal far better than its noisy input does. */
  @Test
  void predictsTheNextCleanValueBetterThanRepeatingTheInput() {
    double[] rnnc = ElmanPredictor.predict(SAMPLES);
    double model = 0.0;
    double repeat = 0.0;
    for (int t = 0; t < rnnc.length; t++) {
      Sample s = SAMPLES.get(t);
      model += (rnnc[t] - s.target()) * (rnnc[t] - s.target());
      repeat += (s.x() - s.target()) * (s.x() - s.target());
    }

    assertThat(model).isLessThan(repeat / 3);
  }

  @Test
  void modelHasPyTorchsShape() {
    SineElman model = new SineElman();

    assertThat(model.info().featureNames()).containsExactly("x[0]");
    assertThat(model.info().outputNames()).containsExactly("y[0]");
    assertThat(model.info().order()).containsExactly("h", "y");
    assertThat(model.info().stateSize()).isEqualTo(16); // h(t-1), read through delay: 1
  }

  @Test
  void commandLinePrintsEveryStepAndTheLargestDifference() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    assertThat(ElmanPredictor.run(new String[0], out, out)).isZero();
    assertThat(ElmanPredictor.run(new String[] {"x"}, out, out)).isEqualTo(2);

    List<String> lines =
        bytes
            .toString(StandardCharsets.UTF_8)
            .replace(System.lineSeparator(), "\n")
            .lines()
            .toList();
    assertThat(lines.get(0))
        .isEqualTo("  t    input   target                rnnc             PyTorch    |diff|");
    assertThat(lines.get(1)).startsWith("  0  +0.8458  +0.6418  +0.77026155841550");
    assertThat(lines).hasSize(1 + 60 + 4);
    assertThat(lines.get(62))
        .matches("largest \\|rnnc - PyTorch\\| over 60 steps: \\d\\.\\de-1[3-9]");
    assertThat(lines.get(63))
        .startsWith("mean squared error against the clean signal: network 0.0");
    assertThat(lines.get(64)).isEqualTo("usage: ElmanPredictor");
  }
}
