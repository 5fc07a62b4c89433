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
