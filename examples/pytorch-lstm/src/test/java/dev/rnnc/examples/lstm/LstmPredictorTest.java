package dev.rnnc.examples.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rnnc.examples.lstm.LstmPredictor.Sample;
import dev.rnnc.runtime.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LstmPredictorTest {

  private static final List<Sample> SAMPLES = LstmPredictor.testSequence();

  /** The spec rnnc import wrote from the ONNX export reproduces PyTorch. */
  @Test
  void importedModelReproducesPyTorchTo1e12() {
    double[] rnnc = LstmPredictor.predict(new SineLstm(), SAMPLES);

    assertThat(rnnc).hasSize(60);
    for (int t = 0; t < rnnc.length; t++) {
      assertThat(rnnc[t]).as("step %d", t).isCloseTo(SAMPLES.get(t).torch(), within(1e-12));
    }
  }

  /** The spec over the safetensors export computes the same bits as the imported one. */
  @Test
  void safetensorsModelEqualsTheImportedOne() {
    double[] imported = LstmPredictor.predict(new SineLstm(), SAMPLES);
    double[] safetensors = LstmPredictor.predict(new SineLstmSafetensors(), SAMPLES);

    for (int t = 0; t < imported.length; t++) {
      assertThat(Double.doubleToRawLongBits(safetensors[t]))
          .as("step %d", t)
          .isEqualTo(Double.doubleToRawLongBits(imported[t]));
    }
  }

  /** The LSTM keeps h and c: a saved session resumes with the same outputs. */
  @Test
  void aSessionSavedHalfwayResumesExactly() {
    double[][] inputs = SAMPLES.stream().map(s -> new double[] {s.x()}).toArray(double[][]::new);
    Session first = new Session(new SineLstm());
    List<Session.Step> start = first.runVectors(java.util.Arrays.copyOf(inputs, 30));
    Session second = new Session(new SineLstm());
    second.restore(first.save());
    List<Session.Step> rest =
        second.runVectors(java.util.Arrays.copyOfRange(inputs, 30, inputs.length));

    double[] direct = LstmPredictor.predict(new SineLstm(), SAMPLES);
    assertThat(start.size() + rest.size()).isEqualTo(direct.length);
    for (int t = 0; t < direct.length; t++) {
      double value = t < 30 ? start.get(t).outputs()[0] : rest.get(t - 30).outputs()[0];
      assertThat(value).as("step %d", t).isEqualTo(direct[t]);
    }
    assertThat(new SineLstm().info().stateSize()).isEqualTo(32); // h(t-1) and c(t-1)
  }

  /** Training worked: the network tracks the clean signal far better than its noisy input does. */
  @Test
  void predictsTheNextCleanValueBetterThanRepeatingTheInput() {
    double[] rnnc = LstmPredictor.predict(new SineLstm(), SAMPLES);
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
  void commandLinePrintsEveryStepAndTheLargestDifference() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    assertThat(LstmPredictor.run(new String[0], out, out)).isZero();
    assertThat(LstmPredictor.run(new String[] {"x"}, out, out)).isEqualTo(2);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("largest |rnnc - PyTorch| over 60 steps")
        .contains("usage: LstmPredictor");
  }
}
