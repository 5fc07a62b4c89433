package dev.rnnc.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.SpecFiles;
import dev.rnnc.compiler.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every spec in {@code src/test/resources/errors/}: each is rejected with exactly the errors
 * its comments announce. A comment {@code # ERROR col N: text} expects an error at column N of the
 * next line that is not itself such a comment, whose message contains {@code text}; {@code # ERROR
 * line L col N: text} names the line explicitly. No other error may be reported.
 */
class ErrorCorpusTest {

  private static final Pattern EXPECTATION =
      Pattern.compile("#\\s*ERROR(?:\\s+line\\s+(\\d+))?\\s+col\\s+(\\d+):\\s*(.+?)\\s*$");

  private record Expected(int line, int column, String text) {
    boolean matches(Diagnostic d) {
      return d.position().line() == line
          && d.position().column() == column
          && d.message().contains(text);
    }

    @Override
    public String toString() {
      return line + ":" + column + ": ..." + text + "...";
    }
  }

  static Stream<Path> specs() throws IOException {
    try (Stream<Path> files = Files.list(SpecFiles.resource("errors"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void reportsExactlyTheAnnouncedErrors(Path spec) throws IOException {
    List<Expected> expected = expectations(spec);
    assertThat(expected).as("expectations in " + spec.getFileName()).isNotEmpty();

    List<Diagnostic> actual = SpecFiles.errors(spec);

    List<Expected> missing = new ArrayList<>(expected);
    List<Diagnostic> unexpected = new ArrayList<>();
    for (Diagnostic d : actual) {
      Expected match = missing.stream().filter(e -> e.matches(d)).findFirst().orElse(null);
      if (match == null || !d.position().file().equals(spec)) {
        unexpected.add(d);
      } else {
        missing.remove(match);
      }
    }
    StringBuilder report = new StringBuilder();
    for (Diagnostic d : actual) {
      report.append("\n  ").append(d);
    }
    assertThat(missing).as("announced but not reported; reported:" + report).isEmpty();
    assertThat(unexpected).as("reported but not announced; reported:" + report).isEmpty();
  }

  private static List<Expected> expectations(Path spec) throws IOException {
    List<String> lines = Files.readAllLines(spec, StandardCharsets.UTF_8);
    List<Expected> result = new ArrayList<>();
    List<String[]> pending = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPECTATION.matcher(lines.get(i));
      if (m.find()) {
        if (m.group(1) != null) {
          result.add(
              new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3)));
        } else {
          pending.add(new String[] {m.group(2), m.group(3)});
        }
        continue;
      }
      for (String[] p : pending) {
        result.add(new Expected(i + 1, Integer.parseInt(p[0]), p[1]));
      }
      pending.clear();
    }
    assertThat(pending).as("ERROR comment without a following line in " + spec).isEmpty();
    return result;
  }
}
