package dev.rnnc.runtime.internal;

import dev.rnnc.runtime.TokenInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits raw text into the tokens of a tokens input: every match of the input's pattern, in text
 * order, lowercased with {@link Locale#ROOT} when the input says {@code lowercase}.
 *
 * <p>Immutable and thread-safe: the pattern is compiled once and may be shared by any number of
 * streams.
 */
public final class Tokenizer {

  private final Pattern pattern;
  private final boolean lowercase;

  /**
   * @param pattern the regular expression one token matches (found with {@link Matcher#find()})
   * @param lowercase whether tokens are lowercased with {@link Locale#ROOT}
   * @throws java.util.regex.PatternSyntaxException if the pattern is not a valid expression
   */
  public Tokenizer(String pattern, boolean lowercase) {
    this.pattern = Pattern.compile(Objects.requireNonNull(pattern, "pattern"));
    this.lowercase = lowercase;
  }

  /** The tokenizer a tokens input declares (its {@code pattern} and {@code lowercase}). */
  public static Tokenizer of(TokenInput input) {
    return new Tokenizer(input.pattern(), input.lowercase());
  }

  /** The token pattern, as given. */
  public String pattern() {
    return pattern.pattern();
  }

  /** Whether tokens are lowercased. */
  public boolean lowercase() {
    return lowercase;
  }

  /**
   * The tokens of {@code text}: each non-overlapping match of the pattern, left to right. Matches
   * of the empty string are skipped, since they would be tokens made of nothing.
   *
   * @param text the raw text. Not modified.
   * @return a new list the caller owns
   */
  public List<String> tokens(CharSequence text) {
    Objects.requireNonNull(text, "text");
    List<String> tokens = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      String token = m.group();
      tokens.add(lowercase ? token.toLowerCase(Locale.ROOT) : token);
    }
    return tokens;
  }

  @Override
  public String toString() {
    return "Tokenizer[pattern=" + pattern.pattern() + ", lowercase=" + lowercase + "]";
  }
}
