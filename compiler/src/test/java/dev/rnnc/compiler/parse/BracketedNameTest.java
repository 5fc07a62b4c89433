package dev.rnnc.compiler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hint for {@code x[0]} in a flow collection: the same answers as a regex, in one pass. */
class BracketedNameTest {

  /** The definition: the first unquoted name[...] after a '{' or '['. */
  private static final Pattern BRACKETED_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\[[^\\[\\]{},\"'\\n]*\\]");

  private static Optional<String> byRegex(String line) {
    Matcher m = BRACKETED_NAME.matcher(line);
    while (m.find()) {
      String before = line.substring(0, m.start());
      boolean inFlow = before.indexOf('{') >= 0 || before.indexOf('[') >= 0;
      boolean quoted =
          before.chars().filter(c -> c == '"').count() % 2 == 1
              || before.chars().filter(c -> c == '\'').count() % 2 == 1;
      if (inFlow && !quoted) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }

  @Test
  void findsTheNameToQuote() {
    assertThat(SpecReader.bracketedName("edges: {x[0] -> h: 1}")).contains("x[0]");
    assertThat(SpecReader.bracketedName("outputs: [h[3], y]")).contains("h[3]");
    assertThat(SpecReader.bracketedName("edges: {\"x[0] -> h\": 1}")).isEmpty();
    assertThat(SpecReader.bracketedName("x[0]: 1")).isEmpty();
    assertThat(SpecReader.bracketedName("{9ab[1]")).contains("ab[1]");
  }

  @Test
  void agreesWithTheRegexOnRandomLines() {
    Random random = new Random(7);
    String alphabet = "ab9_[]{},\"' x";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder line = new StringBuilder();
      int length = random.nextInt(24);
      for (int k = 0; k < length; k++) {
        line.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = line.toString();
      assertThat(SpecReader.bracketedName(s)).as(s).isEqualTo(byRegex(s));
    }
  }

  @Test
  void aVeryLongLineIsOnePass() {
    // Quadratic for the regex (each start scans the identifier to the end); linear here.
    String line = "edges: {" + "a".repeat(2_000_000) + " -> b: 1";
    assertThat(SpecReader.bracketedName(line)).isEmpty();
    assertThat(SpecReader.bracketedName("[" + "a[".repeat(500_000))).isEmpty();
  }
}
