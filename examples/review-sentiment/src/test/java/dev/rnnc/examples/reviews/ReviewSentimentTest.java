package dev.rnnc.examples.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.cli.Main;
import dev.rnnc.runtime.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewSentimentTest {

  /** Training on the generated corpus gives the committed trained spec, byte for byte. */
  @Test
  void retrainingGivesTheCommittedModel(@TempDir Path tmp) throws IOException {
    Corpus.write(Corpus.reviews(600, 1), tmp.resolve("train"));
    Path trained = besideSrcMainRnnc();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "train",
              "model/reviews.yaml",
              "--input",
              tmp.resolve("train/text").toString(),
              "--target",
              tmp.resolve("train/labels").toString(),
              "--loss",
              "bce",
              "--optimizer",
              "adam",
              "--lr",
              "0.01",
              "--epochs",
              "40",
              "-o",
              trained.toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(code).as(err.toString()).isZero();
    try (Stream<Path> committed = Files.list(Path.of("src/main/rnnc"))) {
      for (Path file : committed.toList()) {
        assertThat(Files.readAllBytes(trained.resolve(file.getFileName())))
            .as(file.toString())
            .isEqualTo(Files.readAllBytes(file));
      }
    }
  }

  /** On 400 reviews it never saw, the score after the last word gets the label right. */
  @Test
  void classifiesHeldOutReviews() {
    List<Corpus.Review> test = Corpus.reviews(400, 2);
    int right = 0;
    int positive = 0;
    for (Corpus.Review r : test) {
      List<Session.Step> steps = new Session(new ReviewSentiment()).runText(r.text());
      double score = steps.get(steps.size() - 1).outputs()[0];
      right += (score > 0.5 ? 1 : 0) == r.label() ? 1 : 0;
      positive += r.label();
    }
    double accuracy = right / 400.0;
    double majority = Math.max(positive, 400 - positive) / 400.0;

    assertThat(accuracy).isEqualTo(ACCURACY); // as README.md says
    assertThat(accuracy).isGreaterThan(majority + 0.2);
  }

  private static final double ACCURACY = 0.8875;

  /**
   * A new folder as deep below the project as src/main/rnnc, so that the path the trained spec's
   * editor modeline gives to specs/rnnc.schema.json comes out as committed.
   */
  private static Path besideSrcMainRnnc() throws IOException {
    Files.createDirectories(Path.of("target"));
    return Files.createTempDirectory(Path.of("target"), "retrained").resolve("rnnc");
  }
}
