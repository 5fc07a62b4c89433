package dev.rnnc.examples.lstm;

import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the LSTM trained in PyTorch ({@code train.py}) through the two evaluators rnnc generates for
 * it: {@link SineLstm}, from the spec {@code rnnc import} wrote from the ONNX export, and {@link
 * SineLstmSafetensors}, from a spec that reads the safetensors export. Prints both predictions next
 * to PyTorch's for the held-out test sequence.
 *
 * <p>Usage: {@code LstmPredictor} (no arguments).
 */
public final class LstmPredictor {

  private static final String TEST_SEQUENCE = "sine_test.csv";

  /**
   * One step of the test sequence, as {@code train.py} exported it.
   *
   * @param x the noisy input
   * @param target the next clean value, which the network learned to predict
   * @param torch PyTorch's prediction
   */
  public record Sample(double x, double target, double torch) {}

  private LstmPredictor() {}

  /** The held-out sequence bundled with the example. */
  public static List<Sample> testSequence() {
    try (InputStream in = LstmPredictor.class.getResourceAsStream(TEST_SEQUENCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + TEST_SEQUENCE + " is missing");
      }
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      List<Sample> samples = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        samples.add(
            new Sample(
                Double.parseDouble(cells[0]),
                Double.parseDouble(cells[1]),
                Double.parseDouble(cells[2])));
      }
      return List.copyOf(samples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The prediction after each input of {@code model}, stepped from its initial state. */
  public static double[] predict(Evaluator model, List<Sample> samples) {
    double[] features = new double[model.info().featureCount()];
    double[] outputs = new double[model.info().outputCount()];
    double[] predictions = new double[samples.size()];
    for (int t = 0; t < predictions.length; t++) {
      features[0] = samples.get(t).x();
      model.step(features, outputs);
      predictions[t] = outputs[0];
    }
    return predictions;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns the exit code: 0 ok, 2 bad usage. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 0) {
      err.println("usage: LstmPredictor");
      return 2;
    }
    List<Sample> samples = testSequence();
    double[] imported = predict(new SineLstm(), samples);
    double[] safetensors = predict(new SineLstmSafetensors(), samples);
    out.printf(
        Locale.ROOT,
        "%3s  %7s  %7s  %18s  %18s  %18s%n",
        "t",
        "input",
        "target",
        "rnnc (ONNX import)",
        "rnnc (safetensors)",
        "PyTorch");
    double maxDiff = 0.0;
    for (int t = 0; t < imported.length; t++) {
      Sample s = samples.get(t);
      maxDiff =
          Math.max(
              maxDiff,
              Math.max(Math.abs(imported[t] - s.torch()), Math.abs(safetensors[t] - s.torch())));
      out.printf(
          Locale.ROOT,
          "%3d  %+7.4f  %+7.4f  %+18.15f  %+18.15f  %+18.15f%n",
          t,
          s.x(),
          s.target(),
          imported[t],
          safetensors[t],
          s.torch());
    }
    out.printf(
        Locale.ROOT, "%nlargest |rnnc - PyTorch| over %d steps: %.1e%n", imported.length, maxDiff);
    return 0;
  }
}
