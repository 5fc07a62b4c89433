package dev.rnnc.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  @Test
  void defaultPatternKeepsLettersDigitsAndApostrophes() {
    Tokenizer tokenizer = new Tokenizer(TokenInput.DEFAULT_PATTERN, false);

    assertThat(tokenizer.tokens("It's NOT good -- 10/10, café!"))
        .containsExactly("It's", "NOT", "good", "10", "10", "café");
  }

  @Test
  void lowercasesWithRootLocaleWhenAsked() {
    Tokenizer tokenizer = new Tokenizer(TokenInput.DEFAULT_PATTERN, true);

    assertThat(tokenizer.tokens("Not GOOD, TITLE İ")).containsExactly("not", "good", "title", "i̇");
  }

  @Test
  void takesPatternAndLowercaseFromTheInput() {
    TokenInput input =
        new TokenInput("words", List.of("a"), List.of(1), false, "[a-z]+", TokenFeatures.PRESENCE);

    Tokenizer tokenizer = Tokenizer.of(input);

    assertThat(tokenizer.pattern()).isEqualTo("[a-z]+");
    assertThat(tokenizer.lowercase()).isFalse();
    assertThat(tokenizer.tokens("abc DEF ghi")).containsExactly("abc", "ghi");
  }

  @Test
  void skipsEmptyMatches() {
    Tokenizer tokenizer = new Tokenizer("[a-z]*", false);

    assertThat(tokenizer.tokens("ab, cd")).containsExactly("ab", "cd");
  }

  @Test
  void emptyTextHasNoTokens() {
    assertThat(new Tokenizer(TokenInput.DEFAULT_PATTERN, true).tokens("  ,; ")).isEmpty();
  }

  @Test
  void rejectsAnInvalidPattern() {
    assertThatThrownBy(() -> new Tokenizer("[a-", true)).isInstanceOf(PatternSyntaxException.class);
  }
}
