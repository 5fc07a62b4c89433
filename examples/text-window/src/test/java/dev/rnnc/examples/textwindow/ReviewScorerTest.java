package dev.rnnc.examples.textwindow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.examples.textwindow.ReviewScorer.WindowScore;
import dev.rnnc.runtime.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewScorerTest {

  /**
   * Every output of every window of the bundled sample equals, bit for bit, what the reference
   * interpreter printed for it: {@code ./rnnc run src/main/rnnc/review_window.yaml --interpret
   * --input src/main/resources/dev/rnnc/examples/textwindow/sample-review.txt}.
   */
  @Test
  void generatedEvaluatorMatchesTheInterpreterBitForBit() throws IOException {
    List<String> lines = resourceLines("sample-review.interpreted.csv");
    Session session = new Session(new ReviewWindow());
    assertThat(lines.get(0)).isEqualTo("step," + String.join(",", session.info().outputNames()));

    List<double[]> rows =
        session.runText(ReviewScorer.bundledSample()).stream().map(Session.Step::outputs).toList();

    assertThat(rows).hasSize(lines.size() - 1);
    for (int step = 0; step < rows.size(); step++) {
      String[] cells = lines.get(step + 1).split(",");
      assertThat(cells[0]).isEqualTo(Integer.toString(step));
      double[] expected = Arrays.stream(cells).skip(1).mapToDouble(Double::parseDouble).toArray();
      assertThat(bits(rows.get(step))).as("step %d", step).containsExactly(bits(expected));
    }
  }

  @Test
  void windowsHoldFiveWordsAndMoveByOne() {
    List<WindowScore> scores = ReviewScorer.score(ReviewScorer.bundledSample());

    assertThat(scores).hasSize(40 - 4);
    assertThat(scores.get(0).words()).containsExactly("i", "expected", "a", "boring", "film");
    assertThat(scores.get(1).words()).containsExactly("expected", "a", "boring", "film", "but");
    assertThat(scores).allSatisfy(s -> assertThat(s.words()).hasSize(5));
    assertThat(scores.get(scores.size() - 1).words())
        .containsExactly("that", "nearly", "undoes", "the", "rest");
  }

  @Test
  void scoresFollowTheReview() {
    List<WindowScore> scores = ReviewScorer.score(ReviewScorer.bundledSample());

    // "i expected a boring film" reads as a complaint ...
    assertThat(scores.get(0).score()).isEqualTo(0.12251102413787981);
    // ... "was not bad at all" as praise, since the bigram "not bad" outweighs "bad" ...
    assertThat(scores.get(7).words()).containsExactly("was", "not", "bad", "at", "all");
    assertThat(scores.get(7).score()).isEqualTo(0.8273204440877868);
    // ... but once "not" has left the window, "bad at all the cast" is a complaint again.
    assertThat(scores.get(9).words()).containsExactly("bad", "at", "all", "the", "cast");
    assertThat(scores.get(9).score()).isEqualTo(0.19976569836848404);
    // "the cast is great and i love" is the high point, "is not good awful pacing" the low.
    assertThat(scores.get(14).score()).isEqualTo(0.9688453658285908);
    assertThat(scores.get(24).words()).containsExactly("is", "not", "good", "awful", "pacing");
    assertThat(scores.get(24).score()).isEqualTo(0.020456828212594865);
  }

  @Test
  void aPositiveReviewScoresHigherThanANegativeOne() throws IOException {
    double positive = ReviewScorer.meanScore(ReviewScorer.score(resource("positive.txt")));
    double negative = ReviewScorer.meanScore(ReviewScorer.score(resource("negative.txt")));

    assertThat(positive).isGreaterThan(0.8);
    assertThat(negative).isLessThan(0.2);
    assertThat(positive).isEqualTo(0.9175636161237769);
    assertThat(negative).isEqualTo(0.06910796545854485);
  }

  /** The backward edge score -> mood: a neutral window reads differently after praise. */
  @Test
  void memoryCarriesEarlierWindowsIntoNeutralOnes() {
    String neutral = "the film was shown on a tuesday evening";

    double alone = last(ReviewScorer.score(neutral)).score();
    double afterPraise =
        last(ReviewScorer.score("great fun, wonderful and excellent. " + neutral)).score();
    double afterComplaint =
        last(ReviewScorer.score("awful, boring and dull. What a mess. " + neutral)).score();

    assertThat(afterPraise).isGreaterThan(alone + 0.1);
    assertThat(afterComplaint).isLessThan(alone - 0.1);
  }

  @Test
  void textShorterThanAWindowHasNoScore() {
    assertThat(ReviewScorer.score("great fun")).isEmpty();
    assertThat(ReviewScorer.meanScore(List.of())).isNaN();
  }

  @Test
  void commandLineScoresTheBundledSample() {
    Output o = new Output();

    int code = ReviewScorer.run(new String[0], o.out, o.err);

    assertThat(code).isZero();
    assertThat(o.err()).isEmpty();
    assertThat(o.out())
        .startsWith("sample-review.txt (bundled): 36 windows of five words\n")
        .contains("     0  0.123  ##                    +0.000  i expected a boring film\n")
        .endsWith("mean score 0.425: mixed\n");
  }

  @Test
  void commandLineScoresAFile(@TempDir Path dir) throws IOException {
    Path review = Files.writeString(dir.resolve("review.txt"), resource("negative.txt"));
    Output o = new Output();

    int code = ReviewScorer.run(new String[] {review.toString()}, o.out, o.err);

    assertThat(code).isZero();
    assertThat(o.out()).startsWith(review + ": 24 windows").endsWith(": negative\n");
  }

  @Test
  void commandLineReportsAMissingFileAndBadUsage(@TempDir Path dir) {
    Output o = new Output();
    String missing = dir.resolve("missing.txt").toString();

    assertThat(ReviewScorer.run(new String[] {missing}, o.out, o.err)).isEqualTo(1);
    assertThat(ReviewScorer.run(new String[] {"a", "b"}, o.out, o.err)).isEqualTo(2);
    assertThat(o.err()).isEqualTo(missing + ": no such file\nusage: ReviewScorer [REVIEW.txt]\n");
    assertThat(o.out()).isEmpty();
  }

  private static WindowScore last(List<WindowScore> scores) {
    return scores.get(scores.size() - 1);
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ReviewScorerTest.class.getResourceAsStream(name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> resourceLines(String name) throws IOException {
    return new ArrayList<>(resource(name).lines().toList());
  }

  /** Captures what a command prints. */
  private static final class Output {
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String out() {
      return outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    String err() {
      return errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
  }
}
