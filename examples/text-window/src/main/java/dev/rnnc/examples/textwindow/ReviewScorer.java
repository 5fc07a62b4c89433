package dev.rnnc.examples.textwindow;

import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a review window by window with {@link ReviewWindow}, the evaluator rnnc generates from
 * {@code src/main/rnnc/review_window.yaml}, and prints one line per window of five words.
 *
 * <p>Usage: {@code ReviewScorer [REVIEW.txt]}; without an argument it scores the bundled sample.
 */
public final class ReviewScorer {

  private static final String SAMPLE = "sample-review.txt";
  private static final int BAR_WIDTH = 20;

  /**
   * One window of the review.
   *
   * @param index the step, counting from 0
   * @param words the window's tokens, as the model saw them (lowercased)
   * @param score the window's sentiment, 0 (negative) to 1 (positive)
   * @param mood what the model remembers of earlier windows, -1 to 1
   */
  public record WindowScore(int index, List<String> words, double score, double mood) {

    public WindowScore {
      words = List.copyOf(words);
    }
  }

  private ReviewScorer() {}

  /** Scores every window of {@code text}, each call a new stream in a new session. */
  public static List<WindowScore> score(String text) {
    Session session = new Session(new ReviewWindow());
    // The tokens runText would push, to show which words each window holds; every Step says
    // which element (token) ended it.
    List<String> tokens = session.tokens(text);
    List<Session.Step> steps = session.runTokens(tokens);
    ModelInfo info = session.info();
    int scoreColumn = info.outputNames().indexOf("score");
    int moodColumn = info.outputNames().indexOf("mood");
    int size = info.window().size();
    List<WindowScore> scores = new ArrayList<>(steps.size());
    for (Session.Step step : steps) {
      int e = (int) step.element();
      List<String> words = tokens.subList(Math.max(0, e - size + 1), e + 1);
      scores.add(
          new WindowScore(
              (int) step.index(), words, step.outputs()[scoreColumn], step.outputs()[moodColumn]));
    }
    return List.copyOf(scores);
  }

  /** The mean score of all windows; NaN if the text is too short for one window. */
  public static double meanScore(List<WindowScore> scores) {
    double sum = 0.0;
    for (WindowScore s : scores) {
      sum += s.score();
    }
    return sum / scores.size();
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns the exit code: 0 ok, 1 unreadable file, 2 bad usage. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 1) {
      err.println("usage: ReviewScorer [REVIEW.txt]");
      return 2;
    }
    String name;
    String text;
    try {
      if (args.length == 0) {
        name = SAMPLE + " (bundled)";
        text = bundledSample();
      } else {
        name = args[0];
        text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
      }
    } catch (NoSuchFileException e) {
      err.println(args[0] + ": no such file");
      return 1;
    } catch (IOException e) {
      err.println(args[0] + ": " + e.getMessage());
      return 1;
    }
    print(name, score(text), out);
    return 0;
  }

  /** The review bundled with the example. */
  static String bundledSample() {
    try (InputStream in = ReviewScorer.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + SAMPLE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(String name, List<WindowScore> scores, PrintStream out) {
    if (scores.isEmpty()) {
      out.println(name + ": too short, a window needs five words");
      return;
    }
    out.printf(Locale.ROOT, "%s: %d windows of five words%n%n", name, scores.size());
    out.printf(
        Locale.ROOT,
        "%6s  %-5s  %-" + BAR_WIDTH + "s  %6s  %s%n",
        "window",
        "score",
        "",
        "mood",
        "words");
    for (WindowScore s : scores) {
      out.printf(
          Locale.ROOT,
          "%6d  %.3f  %-" + BAR_WIDTH + "s  %+.3f  %s%n",
          s.index(),
          s.score(),
          bar(s.score()),
          s.mood(),
          String.join(" ", s.words()));
    }
    double mean = meanScore(scores);
    out.printf(
        Locale.ROOT,
        "%nmean score %.3f: %s%n",
        mean,
        mean >= 0.6 ? "positive" : mean <= 0.4 ? "negative" : "mixed");
  }

  /** {@code score} as a bar of up to {@link #BAR_WIDTH} characters. */
  private static String bar(double score) {
    return "#".repeat((int) Math.round(score * BAR_WIDTH));
  }
}
