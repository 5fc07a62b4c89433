package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSV weight files. Each negative test writes the file with the expected error next to the bad
 * line, and checks the line and column inside the CSV file.
 */
class CsvArrayReaderTest {

  private static final SourcePosition AT = new SourcePosition(Path.of("spec.yaml"), 3, 20);

  @TempDir Path dir;

  private Path csv;

  private NdArray read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  private NdArray read(byte[] bytes) throws IOException {
    csv = dir.resolve("w.csv");
    Files.write(csv, bytes);
    Diagnostics sink = new Diagnostics();
    Optional<NdArray> array = ArrayFiles.read(csv, AT, sink);
    assertThat(sink.all()).isEmpty();
    return array.orElseThrow();
  }

  private Diagnostic reject(String text) throws IOException {
    csv = dir.resolve("w.csv");
    Files.writeString(csv, text, StandardCharsets.UTF_8);
    Diagnostics sink = new Diagnostics();
    assertThat(ArrayFiles.read(csv, AT, sink)).isEmpty();
    assertThat(sink.all()).hasSize(1);
    return sink.all().get(0);
  }

  private SourcePosition inCsv(int line, int column) {
    return new SourcePosition(csv, line, column);
  }

  @Test
  void readsMatrixRowMajor() throws IOException {
    NdArray array = read("1,2,3\n4,5,6\n");
    assertThat(array.shape()).containsExactly(2, 3);
    assertThat(array.data()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void acceptsNumberForms() throws IOException {
    NdArray array = read("-1.5, +2., .25 ,1e3,\t-4.5E-2 , 0\n");
    assertThat(array.data()).containsExactly(-1.5, 2.0, 0.25, 1000.0, -0.045, 0.0);
  }

  @Test
  void parsesToTheNearestDouble() throws IOException {
    NdArray array = read("0.1,1.000000000000000021e-03,4.9e-324,1e-400\n");
    assertThat(array.data()).containsExactly(0.1, 1e-3, Double.MIN_VALUE, 0.0);
  }

  @Test
  void acceptsCrLfAndCrLineEndsAndTrailingBlankLines() throws IOException {
    NdArray array = read("1,2\r\n3,4\r5,6\r\n\r\n  \n\t\n");
    assertThat(array.shape()).containsExactly(3, 2);
    assertThat(array.data()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void acceptsMissingFinalNewline() throws IOException {
    assertThat(read("1,2\n3,4").shape()).containsExactly(2, 2);
  }

  @Test
  void singleRowAndSingleColumnStayTwoDimensional() throws IOException {
    assertThat(read("1,2,3\n").shape()).containsExactly(1, 3);
    assertThat(read("1\n2\n3\n").shape()).containsExactly(3, 1);
  }

  @Test
  void skipsUtf8ByteOrderMark() throws IOException {
    byte[] text = "\uFEFF1,2\n".getBytes(StandardCharsets.UTF_8);
    assertThat(read(text).data()).containsExactly(1, 2);
  }

  @Test
  void readsLargeFiles() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < 1000; r++) {
      for (int c = 0; c < 1000; c++) {
        text.append(c == 0 ? "" : ",").append(r * 1000 + c);
      }
      text.append('\n');
    }
    NdArray array = read(text.toString());
    assertThat(array.shape()).containsExactly(1000, 1000);
    assertThat(array.data()[999_999]).isEqualTo(999_999.0);
    assertThat(array.data()[123_456]).isEqualTo(123_456.0);
  }

  @Test
  void rejectsHeaderRow() throws IOException {
    Diagnostic d =
        reject(
            String.join(
                "\n", "a, b", // ERROR 1:1: expected a number, found 'a'
                "1,2"));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.position()).isEqualTo(inCsv(1, 1));
    assertThat(d.message()).isEqualTo("expected a number, found 'a'");
    assertThat(d.hint()).isEqualTo("a weight file has no header row");
  }

  @Test
  void rejectsBadCellAtItsLineAndColumn() throws IOException {
    Diagnostic d =
        reject(
            String.join(
                "\n",
                "1, 2, 3",
                "4,  x5 , 6", // ERROR 2:5: expected a number, found 'x5'
                "7, 8, 9"));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.position()).isEqualTo(inCsv(2, 5));
    assertThat(d.message()).isEqualTo("expected a number, found 'x5'");
    assertThat(d.hint()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1 2", "1;2", "1\t2"})
  void hintsAtCommasForOtherSeparators(String row) throws IOException {
    Diagnostic d = reject("1\n" + row + "\n");
    assertThat(d.position()).isEqualTo(inCsv(2, 1));
    assertThat(d.hint()).isEqualTo("separate the values of a row with commas");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1d", "0x10", "1_000", "1e", "e5", "--1", "1.2.3", "Infinityx", "."})
  void rejectsWhatIsNotAPlainDecimalNumber(String cell) throws IOException {
    Diagnostic d = reject("0,0\n0," + cell + "\n");
    assertThat(d.position()).isEqualTo(inCsv(2, 3));
    assertThat(d.message()).isEqualTo("expected a number, found '" + cell + "'");
  }

  @Test
  void showsControlCharactersAndLongCellsReadably() throws IOException {
    Diagnostic d = reject("1,\u0001" + "y".repeat(100) + "\n");
    assertThat(d.message()).isEqualTo("expected a number, found '?" + "y".repeat(36) + "...'");
  }

  @Test
  void rejectsEmptyValue() throws IOException {
    Diagnostic d = reject(String.join("\n", "1,2,3", "4,  ,6")); // ERROR 2:5: empty value
    assertThat(d.position()).isEqualTo(inCsv(2, 5));
    assertThat(d.message()).isEqualTo("empty value; expected a number");
  }

  @Test
  void rejectsTrailingCommaAtTheEndOfTheLine() throws IOException {
    Diagnostic d = reject("1,2,\n");
    assertThat(d.position()).isEqualTo(inCsv(1, 5));
    assertThat(d.message()).isEqualTo("empty value; expected a number");
  }

  @Test
  void rejectsLongerRowAtItsFirstExtraValue() throws IOException {
    Diagnostic d =
        reject(
            String.join(
                "\n",
                "1,2,3",
                "4,5,6, 7", // ERROR 2:8: line has 4 values, but line 1 has 3
                "8,9,10"));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.position()).isEqualTo(inCsv(2, 8));
    assertThat(d.message()).isEqualTo("line has 4 values, but line 1 has 3");
    assertThat(d.hint()).isEqualTo("every row of a weight matrix has the same number of values");
  }

  @Test
  void rejectsShorterRowAtItsEnd() throws IOException {
    Diagnostic d =
        reject(
            String.join(
                "\n", "1,2,3", "4,5,6", "7,8")); // ERROR 3:4: line has 2 values, but line 1 has 3
    assertThat(d.position()).isEqualTo(inCsv(3, 4));
    assertThat(d.message()).isEqualTo("line has 2 values, but line 1 has 3");
  }

  @Test
  void rejectsBlankLineInsideTheData() throws IOException {
    Diagnostic d =
        reject(
            String.join(
                "\n", "1,2", "   ", // ERROR 2:1: unexpected blank line
                "3,4"));
    assertThat(d.position()).isEqualTo(inCsv(2, 1));
    assertThat(d.message()).isEqualTo("unexpected blank line");
    assertThat(d.hint()).isEqualTo("blank lines are allowed only at the end of a weight file");
  }

  @Test
  void rejectsBlankLineBeforeTheData() throws IOException {
    Diagnostic d = reject("\n1,2\n");
    assertThat(d.position()).isEqualTo(inCsv(1, 1));
    assertThat(d.message()).isEqualTo("unexpected blank line");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nan", "NaN", "inf", "-inf", "+Infinity", "-nan"})
  void rejectsNonFiniteValues(String cell) throws IOException {
    Diagnostic d = reject(String.join("\n", "1,2", "3, " + cell)); // ERROR 2:4: non-finite value
    assertThat(d.code()).isEqualTo(Code.NON_FINITE);
    assertThat(d.position()).isEqualTo(inCsv(2, 4));
    assertThat(d.message()).isEqualTo("non-finite value '" + cell + "'");
  }

  @Test
  void rejectsOverflowToInfinity() throws IOException {
    Diagnostic d = reject("1,-2e308\n");
    assertThat(d.code()).isEqualTo(Code.NON_FINITE);
    assertThat(d.position()).isEqualTo(inCsv(1, 3));
    assertThat(d.message()).isEqualTo("value '-2e308' overflows to infinity");
  }

  @Test
  void rejectsEmptyFileAtTheSpec() throws IOException {
    for (String text : new String[] {"", "\n\n", " \t \r\n"}) {
      Diagnostic d = reject(text);
      assertThat(d.position()).isEqualTo(AT);
      assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
      assertThat(d.message()).isEqualTo("weight file '" + csv + "' is empty");
      assertThat(d.hint()).isEqualTo("write one row of comma-separated numbers per line");
    }
  }

  @Test
  void rejectsNonUtf8BytesAsNonNumbers() throws IOException {
    csv = dir.resolve("w.csv");
    Files.write(csv, new byte[] {'1', ',', (byte) 0xFF, (byte) 0xFE, '\n'});
    Diagnostics sink = new Diagnostics();
    assertThat(ArrayFiles.read(csv, AT, sink)).isEmpty();
    Diagnostic d = sink.all().get(0);
    assertThat(d.position()).isEqualTo(inCsv(1, 3));
    assertThat(d.message()).startsWith("expected a number, found '");
  }
}
