package dev.rnnc.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.runtime.TokenInput;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tokens read from a stream in pieces are the tokens of the whole text. */
class StreamingTokenizerTest {

  /** Patterns whose matches span lines, need lookahead or lookbehind, or can be empty. */
  private static final List<String> PATTERNS =
      List.of(
          TokenInput.DEFAULT_PATTERN,
          "[^,]+",
          "\\b\\w+\\b",
          "a*",
          "x(?=y)",
          "(?<=a)b+",
          "(?m)^\\w+",
          "\\w+$",
          "[a-z]+(?:\\s+[a-z]+)*",
          "\\S+");

  private static final String ALPHABET = "abxy ,\n\t1'É-";

  @Test
  void everyPieceSizeGivesTheWholeTextsTokens() throws IOException {
    Random random = new Random(20261203L);
    for (String pattern : PATTERNS) {
      for (boolean lowercase : new boolean[] {false, true}) {
        Tokenizer tokenizer = new Tokenizer(pattern, lowercase);
        for (int round = 0; round < 200; round++) {
          String text = randomText(random, random.nextInt(round < 100 ? 60 : 30_000));
          List<String> expected = tokenizer.tokens(text);

          List<String> streamed = drain(tokenizer.tokens(new PieceReader(text, random)));

          assertThat(streamed).as("pattern %s, text %s", pattern, text).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void textWithoutTokensIsNotHeldWhole() throws IOException {
    Tokenizer tokenizer = new Tokenizer(TokenInput.DEFAULT_PATTERN, true);
    // 16 Mi separators and a last word: a stream that held them all would need 32 MiB.
    Reader separators = new RepeatingReader(" ,;-\n", 16L << 20, "end");

    Tokenizer.Stream stream = tokenizer.tokens(separators);

    assertThat(drain(stream)).containsExactly("end");
    assertThat(stream.capacity()).isLessThanOrEqualTo(16_384);
  }

  @Test
  void aLongTokenIsReadAcrossPieces() throws IOException {
    Tokenizer tokenizer = new Tokenizer("[a-z]+", false);
    String word = "a".repeat(100_000);

    Tokenizer.Stream stream = tokenizer.tokens(new PieceReader(word + " b", new Random(1)));

    assertThat(drain(stream)).containsExactly(word, "b");
    assertThat(stream.capacity()).isBetween(100_000, 4 * 100_000 + 16_384);
  }

  private static List<String> drain(Tokenizer.Stream stream) throws IOException {
    List<String> tokens = new ArrayList<>();
    for (String t = stream.next(); t != null; t = stream.next()) {
      tokens.add(t);
    }
    return tokens;
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  /** Gives a text back in pieces of 1 to 700 characters. */
  private static final class PieceReader extends Reader {
    private final StringReader text;
    private final Random random;

    PieceReader(String text, Random random) {
      this.text = new StringReader(text);
      this.random = random;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      return text.read(buffer, offset, Math.min(length, 1 + random.nextInt(700)));
    }

    @Override
    public void close() {}
  }

  /** A unit repeated to a length, then a tail, without holding it. */
  private static final class RepeatingReader extends Reader {
    private final String unit;
    private final String tail;
    private long left;
    private int tailAt;

    RepeatingReader(String unit, long length, String tail) {
      this.unit = unit;
      this.left = length;
      this.tail = tail;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      int n = 0;
      while (n < length && left > 0) {
        buffer[offset + n++] = unit.charAt((int) (left-- % unit.length()));
      }
      while (n < length && left == 0 && tailAt < tail.length()) {
        buffer[offset + n++] = tail.charAt(tailAt++);
      }
      return n == 0 ? -1 : n;
    }

    @Override
    public void close() {}
  }
}
