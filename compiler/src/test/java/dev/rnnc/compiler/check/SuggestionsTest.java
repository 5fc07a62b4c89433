package dev.rnnc.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void distanceCountsEditsAndAdjacentSwaps() {
    assertThat(Suggestions.distance("tanh", "tanh")).isZero();
    assertThat(Suggestions.distance("tahn", "tanh")).isEqualTo(1);
    assertThat(Suggestions.distance("h3", "h2")).isEqualTo(1);
    assertThat(Suggestions.distance("ot", "out")).isEqualTo(1);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void boundedDistanceStopsOnceItCannotComeBackUnderTheLimit() {
    assertThat(Suggestions.distance("kitten", "sitting", 3)).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting", 2)).isGreaterThan(2);
    assertThat(Suggestions.distance("a".repeat(100_000), "b".repeat(100_000), 5)).isEqualTo(6);
    java.util.Random random = new java.util.Random(3);
    for (int n = 0; n < 2_000; n++) {
      String a = Long.toString(random.nextLong() & 0xfffL, 3);
      String b = Long.toString(random.nextLong() & 0xfffL, 3);
      int exact = Suggestions.distance(a, b);
      for (int limit = 0; limit < 6; limit++) {
        int bounded = Suggestions.distance(a, b, limit);
        if (exact <= limit) {
          assertThat(bounded).isEqualTo(exact);
        } else {
          assertThat(bounded).isGreaterThan(limit);
        }
      }
    }
  }

  @Test
  void veryLongWordsGetNoSuggestion() {
    String name = "h".repeat(Suggestions.MAX_WORD + 1);
    assertThat(Suggestions.closest(name, List.of(name + "2"))).isEmpty();
    assertThat(Suggestions.closest("h".repeat(200), List.of("h".repeat(199)))).isPresent();
  }

  @Test
  void suggestsTheClosestCandidate() {
    assertThat(Suggestions.closest("nuerons", List.of("inputs", "neurons", "groups")))
        .contains("neurons");
    assertThat(Suggestions.closest("h3", List.of("h2", "out"))).contains("h2");
    assertThat(Suggestions.closest("Tanh", List.of("tanh", "sin"))).contains("tanh");
  }

  @Test
  void tiesGoToTheEarlierCandidate() {
    assertThat(Suggestions.closest("h3", List.of("h1", "h2"))).contains("h1");
    assertThat(Suggestions.closest("h3", List.of("h2", "h1"))).contains("h2");
  }

  @Test
  void farOrOneLetterWordsGetNoSuggestion() {
    assertThat(Suggestions.closest("weights", List.of("activation", "bias"))).isEmpty();
    assertThat(Suggestions.closest("x", List.of("h", "y"))).isEmpty();
    assertThat(Suggestions.closest("X", List.of("h", "x"))).contains("x");
  }

  @Test
  void hintFallsBackToTheListOfChoices() {
    assertThat(Suggestions.hint("tahn", List.of("tanh", "relu"))).isEqualTo("did you mean 'tanh'?");
    assertThat(Suggestions.hint("avg", List.of("sum", "max")))
        .isEqualTo("expected one of: sum, max");
  }
}
