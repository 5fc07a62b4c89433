package dev.rnnc.compiler.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorCsvTest {

  private static final Path FILE = Path.of("in.csv");

  @Test
  void readsRowsWithOptionalHeader() {
    Diagnostics sink = new Diagnostics();
    List<double[]> rows = VectorCsv.parse(FILE, "x[0],x[1]\n1,2.5\n-3e2, .5\n\n", 2, sink);
    assertThat(sink.all()).isEmpty();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsExactly(1, 2.5);
    assertThat(rows.get(1)).containsExactly(-300, 0.5);
  }

  @Test
  void withoutHeader() {
    Diagnostics sink = new Diagnostics();
    List<double[]> rows = VectorCsv.parse(FILE, "1\r\n2\r\n", 1, sink);
    assertThat(sink.all()).isEmpty();
    assertThat(rows).extracting(r -> r[0]).containsExactly(1.0, 2.0);
  }

  @Test
  void reportsEveryBadCellWithLineAndColumn() {
    Diagnostics sink = new Diagnostics();
    VectorCsv.parse(FILE, "1,2\n3,abc\n4\n5, NaN\n", 2, sink);
    List<Diagnostic> d = sink.all();
    assertThat(d)
        .extracting(Diagnostic::headline)
        .containsExactly(
            "in.csv:2:3: error: not a number: 'abc'",
            "in.csv:3:1: error: expected 2 values, found 1",
            "in.csv:4:4: error: non-finite value: 'NaN'");
  }

  @Test
  void headerWithWrongWidthIsReported() {
    Diagnostics sink = new Diagnostics();
    VectorCsv.parse(FILE, "a,b,c\n1,2\n", 2, sink);
    assertThat(sink.all())
        .extracting(Diagnostic::message)
        .containsExactly("header has 3 columns, the input has 2 features");
  }

  @Test
  void numbersAreStrict() {
    assertThat(VectorCsv.parseNumber("1.5e-3")).isEqualTo(1.5e-3);
    assertThat(VectorCsv.parseNumber("0x10")).isNull();
    assertThat(VectorCsv.parseNumber("1f")).isNull();
    assertThat(VectorCsv.parseNumber("")).isNull();
    assertThat(VectorCsv.parseNumber("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void numberSyntaxIsCheckedInOnePass() {
    assertThat(VectorCsv.parseNumber("12.")).isEqualTo(12.0);
    assertThat(VectorCsv.parseNumber(".5")).isEqualTo(0.5);
    assertThat(VectorCsv.parseNumber("+3E+2")).isEqualTo(300.0);
    assertThat(VectorCsv.parseNumber(".")).isNull();
    assertThat(VectorCsv.parseNumber("1e")).isNull();
    // Quadratic backtracking for a regex without possessive quantifiers.
    assertThat(VectorCsv.parseNumber("1".repeat(1_000_000) + "x")).isNull();
    assertThat(VectorCsv.parseNumber("1".repeat(1_000_000) + ".5e" + "2".repeat(500_000) + "x"))
        .isNull();
  }
}
