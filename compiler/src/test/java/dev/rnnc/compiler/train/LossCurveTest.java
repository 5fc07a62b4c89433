package dev.rnnc.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossCurveTest {

  @Test
  void drawsALineThroughEveryEpochAndTheValidationCurve() {
    String svg =
        LossCurve.svg(
            "M<1>",
            List.of(
                new Trainer.Epoch(1, 1.0, 1.5, 0),
                new Trainer.Epoch(2, 0.5, 0.9, 0),
                new Trainer.Epoch(3, 0.25, 0.8, 0)));

    assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("M&lt;1&gt;: loss per epoch");
    assertThat(svg.split("<polyline", -1)).hasSize(3); // training and validation
    assertThat(svg).contains("validation");
  }

  @Test
  void oneEpochIsADotWithItsValue() {
    String svg = LossCurve.svg("Ridge", List.of(new Trainer.Epoch(1, 9.08e-8, Double.NaN, 0)));

    assertThat(svg).contains("<circle").contains("loss 9.08000e-08").doesNotContain("validation");
  }

  @Test
  void noEpochsSaysSo() {
    assertThat(LossCurve.svg("Empty", List.of())).contains("no epochs with targets");
  }
}
