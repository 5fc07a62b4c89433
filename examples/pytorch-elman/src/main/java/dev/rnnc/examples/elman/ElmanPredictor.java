package dev.rnnc.examples.elman;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the Elman network trained in PyTorch ({@code train.py}) through {@link SineElman}, the
 * evaluator rnnc generates from {@code src/main/rnnc/sine_elman.yaml} and the exported {@code .npy}
 * weights, and prints its predictions next to PyTorch's for the held-out test sequence.
 *
 * <p>Usage: {@code ElmanPredictor} (no arguments).
 */
public final class ElmanPredictor {

  private static final String TEST_SEQUENCE = "sine_test.csv";

  /**
   * One step of the test sequence, as {@code train.py} exported it.
   *
   * @param x the noisy input
   * @param target the next clean value, which the network learned to predict
   * @param torch PyTorch's prediction
   */
  public record Sample(double x, double target, double torch) {}

  private ElmanPredictor() {}

  /** The held-out sequence bundled with the example. */
  public static List<Sample> testSequence() {
    try (InputStream in = ElmanPredictor.class.getResourceAsStream(TEST_SEQUENCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + TEST_SEQUENCE + " is missing");
      }
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      if (!lines.get(0).equals("x,target,torch")) {
        throw new IllegalStateException(TEST_SEQUENCE + ": unexpected header " + lines.get(0));
      }
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

  /**
   * The network's prediction after each input, from a new evaluator stepped directly: one feature
   * ({@code x[0]}) and one output ({@code y[0]}) per step, arrays reused, nothing allocated.
   */
  public static double[] predict(List<Sample> samples) {
    SineElman model = new SineElman();
    double[] features = new double[SineElman.FEATURE_COUNT];
    double[] outputs = new double[SineElman.OUTPUT_COUNT];
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
      err.println("usage: ElmanPredictor");
      return 2;
    }
    List<Sample> samples = testSequence();
    double[] rnnc = predict(samples);
    out.printf(
        Locale.ROOT,
        "%3s  %7s  %7s  %18s  %18s  %8s%n",
        "t",
        "input",
        "target",
        "rnnc",
        "PyTorch",
        "|diff|");
    double maxDiff = 0.0;
    double modelError = 0.0;
    double repeatError = 0.0;
    for (int t = 0; t < rnnc.length; t++) {
      Sample s = samples.get(t);
      double diff = Math.abs(rnnc[t] - s.torch());
      maxDiff = Math.max(maxDiff, diff);
      modelError += (rnnc[t] - s.target()) * (rnnc[t] - s.target());
      repeatError += (s.x() - s.target()) * (s.x() - s.target());
      out.printf(
          Locale.ROOT,
          "%3d  %+7.4f  %+7.4f  %+18.15f  %+18.15f  %8.1e%n",
          t,
          s.x(),
          s.target(),
          rnnc[t],
          s.torch(),
          diff);
    }
    out.printf(
        Locale.ROOT, "%nlargest |rnnc - PyTorch| over %d steps: %.1e%n", rnnc.length, maxDiff);
    out.printf(
        Locale.ROOT,
        "mean squared error against the clean signal: network %.5f,"
            + " repeating the last input %.5f%n",
        modelError / rnnc.length,
        repeatError / rnnc.length);
    return 0;
  }
}
