package dev.rnnc.examples.reviews;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A generated corpus of short film reviews with their labels (the documented generator this example
 * trains on; no public labelled corpus ships with Debian or Maven Central in a form that fits).
 *
 * <p>A review is two to five opinions about aspects of a film ("the plot was great", "the cast was
 * not good", "I loved the music", "I hated the ending") and up to two neutral sentences, shuffled.
 * An opinion counts +1 or -1 (negated adjectives count half, with the opposite sign), and the
 * review is positive when the sum is positive; reviews whose sum is 0 are drawn again. A random
 * generator with a fixed seed makes the same corpus everywhere.
 */
public final class Corpus {

  static final List<String> GOOD =
      List.of("good", "great", "excellent", "wonderful", "fun", "brilliant");
  static final List<String> BAD = List.of("bad", "awful", "boring", "dull", "terrible", "weak");
  static final List<String> ASPECTS =
      List.of("plot", "cast", "ending", "music", "pacing", "dialogue", "camera work", "story");
  static final List<String> FILLERS =
      List.of(
          "I saw it on a Sunday.",
          "The cinema was full.",
          "It runs for two hours.",
          "My friend picked it.",
          "It is based on a novel.");

  /** One review and its label (1 positive, 0 negative). */
  public record Review(String text, int label) {}

  private Corpus() {}

  /** {@code count} reviews drawn with {@code seed}. */
  public static List<Review> reviews(int count, long seed) {
    Random random = new Random(seed);
    List<Review> reviews = new ArrayList<>();
    while (reviews.size() < count) {
      List<String> sentences = new ArrayList<>();
      double sum = 0;
      int opinions = 2 + random.nextInt(4);
      for (int k = 0; k < opinions; k++) {
        String aspect = ASPECTS.get(random.nextInt(ASPECTS.size()));
        boolean positive = random.nextBoolean();
        String adjective = (positive ? GOOD : BAD).get(random.nextInt(GOOD.size()));
        switch (random.nextInt(4)) {
          case 0, 1 -> {
            sentences.add("The " + aspect + " was " + adjective + ".");
            sum += positive ? 1 : -1;
          }
          case 2 -> {
            sentences.add("The " + aspect + " was not " + adjective + ".");
            sum += positive ? -0.5 : 0.5;
          }
          default -> {
            sentences.add("I " + (positive ? "loved" : "hated") + " the " + aspect + ".");
            sum += positive ? 1 : -1;
          }
        }
      }
      for (int k = random.nextInt(3); k > 0; k--) {
        sentences.add(FILLERS.get(random.nextInt(FILLERS.size())));
      }
      if (sum == 0) {
        continue;
      }
      Collections.shuffle(sentences, random);
      reviews.add(new Review(String.join(" ", sentences), sum > 0 ? 1 : 0));
    }
    return reviews;
  }

  /**
   * Writes {@code reviews} as {@code DIR/text/NNNN.txt} and their targets as {@code
   * DIR/labels/NNNN.csv}: a header {@code score}, then one row per token (the model takes a step
   * per token), empty but for the last, which holds the label.
   */
  public static void write(List<Review> reviews, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("text"));
    Files.createDirectories(dir.resolve("labels"));
    for (int i = 0; i < reviews.size(); i++) {
      Review r = reviews.get(i);
      String name = String.format("%04d", i);
      Files.writeString(dir.resolve("text/" + name + ".txt"), r.text() + "\n");
      int tokens = r.text().split("[^\\p{L}\\p{N}']+").length;
      StringBuilder labels = new StringBuilder("score\n");
      labels.append("\n".repeat(tokens - 1)).append(r.label()).append('\n');
      Files.writeString(dir.resolve("labels/" + name + ".csv"), labels.toString());
    }
  }

  /** Writes the example's corpus: 600 training reviews (seed 1) and 400 test reviews (seed 2). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/corpus");
    write(reviews(600, 1), dir.resolve("train"));
    write(reviews(400, 2), dir.resolve("test"));
    System.out.println("wrote " + dir.resolve("train") + " and " + dir.resolve("test"));
  }
}
