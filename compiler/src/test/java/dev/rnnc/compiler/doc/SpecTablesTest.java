package dev.rnnc.compiler.doc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tables of specs/SPEC.md that come from the compiler's definitions are exactly what those
 * definitions render: an operation or code missing from the reference fails here. Run with {@code
 * -Dgolden.update=true} to rewrite the sections after an intended change.
 */
class SpecTablesTest {

  private static final Path SPEC = Path.of("../specs/SPEC.md");

  static Supplier<String> table(String name) {
    return switch (name) {
      case "activations" -> ReferenceTables::activations;
      case "aggregations" -> ReferenceTables::aggregations;
      case "diagnostic-codes" -> ReferenceTables::diagnosticCodes;
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @CsvSource({"activations", "aggregations", "diagnostic-codes"})
  void specShowsTheRenderedTable(String name) throws IOException {
    String text = Files.readString(SPEC, StandardCharsets.UTF_8);
    String begin = "<!-- " + name + ": ";
    int start = text.indexOf(begin);
    assertThat(start).as("SPEC.md has a section " + begin).isNotNegative();
    int from = text.indexOf("-->\n", start) + 4;
    String endMarker = "<!-- " + name + ":end -->";
    int to = text.indexOf(endMarker, from);
    assertThat(to).as("SPEC.md closes the section with " + endMarker).isGreaterThanOrEqualTo(from);
    String expected = table(name).get();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(
          SPEC, text.substring(0, from) + expected + text.substring(to), StandardCharsets.UTF_8);
      return;
    }
    assertThat(text.substring(from, to))
        .as("SPEC.md section " + name + " (run with -Dgolden.update=true)")
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"activations", "aggregations", "diagnostic-codes"})
  void everyOperationIsInTheTable(String name) {
    String table = table(name).get();
    if (name.equals("activations")) {
      for (Activation a : Activation.values()) {
        assertThat(table).contains("| `" + a.specName() + "`");
      }
    } else if (name.equals("diagnostic-codes")) {
      for (Code c : Code.values()) {
        assertThat(table).contains("| `" + c.id() + "` |");
      }
    } else {
      for (Aggregation a : Aggregation.values()) {
        assertThat(table).contains("| `" + a.specName() + "`");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void codeIdsAreUniqueKebabCase() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Code c : Code.values()) {
      assertThat(c.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(ids.add(c.id())).as(c.id()).isTrue();
    }
  }
}
