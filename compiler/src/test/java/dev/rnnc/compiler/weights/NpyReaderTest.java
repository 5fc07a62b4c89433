package dev.rnnc.compiler.weights;

import static dev.rnnc.compiler.weights.NpyBytes.data;
import static dev.rnnc.compiler.weights.NpyBytes.file;
import static dev.rnnc.compiler.weights.NpyBytes.header;
import static dev.rnnc.compiler.weights.NpyBytes.raw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpyReaderTest {

  private static final SourcePosition AT = new SourcePosition(Path.of("spec.yaml"), 7, 12);
  private static final String SAVE_HINT = "write the file with np.save(path, w)";

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, bytes);
    return path;
  }

  private NdArray read(byte[] bytes) throws IOException {
    Diagnostics sink = new Diagnostics();
    Optional<NdArray> array = ArrayFiles.read(write("w.npy", bytes), AT, sink);
    assertThat(sink.all()).isEmpty();
    assertThat(array).isPresent();
    return array.get();
  }

  /** Reads a bad file and returns its only diagnostic, which must be at the spec position. */
  private Diagnostic reject(byte[] bytes) throws IOException {
    Path path = write("w.npy", bytes);
    Diagnostics sink = new Diagnostics();
    assertThat(ArrayFiles.read(path, AT, sink)).isEmpty();
    assertThat(sink.all()).hasSize(1);
    Diagnostic d = sink.all().get(0);
    assertThat(d.position()).isEqualTo(AT);
    return d;
  }

  private String name() {
    return dir.resolve("w.npy").toString();
  }

  // --- accepted files ---------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "1, <f8", "1, >f8", "1, <f4", "1, >f4", "2, <f8", "2, >f8", "2, <f4", "2, >f4", "3, <f8",
    "3, >f4"
  })
  void readsEveryDtypeAndVersion(int major, String descr) throws IOException {
    double[] values = {0.5, -1.25, 3.0e-3, 1.0e30, -0.0, Double.MIN_NORMAL, 7.0, 0.1};
    NdArray array = read(file(major, descr, "(2, 4)", values));
    assertThat(array.shape()).containsExactly(2, 4);
    double[] expected = values.clone();
    if (descr.endsWith("4")) {
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (float) expected[i];
      }
    }
    assertThat(array.data()).containsExactly(expected);
  }

  @Test
  void bigAndLittleEndianGiveTheSameBits() throws IOException {
    double[] values = {Math.PI, -Math.E, 1e-300, 123456789.125};
    NdArray le = read(file(1, "<f8", "(4,)", values));
    NdArray be = read(file(1, ">f8", "(4,)", values));
    assertThat(be).isEqualTo(le);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(le.data()[i]))
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void zeroDimensionalArrayHasEmptyShape() throws IOException {
    NdArray array = read(file(1, "<f8", "()", 42.5));
    assertThat(array.shape()).isEmpty();
    assertThat(array.data()).containsExactly(42.5);
  }

  @Test
  void readsHigherRanks() throws IOException {
    double[] values = new double[2 * 3 * 4];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.25;
    }
    NdArray array = read(file(2, ">f4", "(2, 3, 4)", values));
    assertThat(array.shape()).containsExactly(2, 3, 4);
    assertThat(array.data()).containsExactly(values);
  }

  @Test
  void readsEmptyArrays() throws IOException {
    NdArray array = read(file(1, "<f8", "(0, 3)"));
    assertThat(array.shape()).containsExactly(0, 3);
    assertThat(array.data()).isEmpty();
  }

  @Test
  void acceptsHeaderVariantsThatNumpyAccepts() throws IOException {
    byte[] data = data("<f8", 1, 2, 3);
    // Double quotes, other key order, no trailing comma, Python 2 long suffix, no padding.
    String dict = "{\"shape\": (3L,), \"fortran_order\": False, \"descr\": \"<f8\"}";
    byte[] header = dict.getBytes(StandardCharsets.ISO_8859_1);
    NdArray array = read(raw(1, 0, header, header.length, data));
    assertThat(array.shape()).containsExactly(3);
    assertThat(array.data()).containsExactly(1, 2, 3);
  }

  @Test
  void readsLargeArraysAcrossChunks() throws IOException {
    Random random = new Random(1);
    double[] values = new double[1_000_003];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    NdArray f8 = read(file(1, ">f8", "(1000003,)", values));
    // Arrays.equals: AssertJ's element-wise diff is quadratic on a million values.
    assertThat(Arrays.equals(f8.data(), values)).isTrue();

    NdArray f4 = read(file(1, "<f4", "(1000003,)", values));
    for (int i = 0; i < values.length; i += 9973) {
      assertThat(f4.data()[i]).isEqualTo((float) values[i]);
    }
    assertThat(f4.data()[values.length - 1]).isEqualTo((float) values[values.length - 1]);
  }

  // --- the file as a whole ------------------------------------------------------------------

  @Test
  void rejectsEmptyFile() throws IOException {
    Diagnostic d = reject(new byte[0]);
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.message()).isEqualTo("weight file '" + name() + "' is empty");
  }

  @Test
  void rejectsBadMagic() throws IOException {
    Diagnostic d = reject("GIF89a and more bytes".getBytes(StandardCharsets.US_ASCII));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' is not a NumPy .npy file (it does not start with"
                + " \\x93NUMPY)");
    assertThat(d.hint()).isEqualTo(SAVE_HINT);
  }

  @Test
  void recognizesZipArchives() throws IOException {
    Diagnostic d = reject(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThat(d.message())
        .isEqualTo("weight file '" + name() + "' is a zip archive (.npz?), not a .npy file");
    assertThat(d.hint()).contains("np.load('w.npz')");
  }

  @Test
  void rejectsFileEndingInsideTheMagic() throws IOException {
    Diagnostic d = reject(new byte[] {(byte) 0x93, 'N', 'U', 'M'});
    assertThat(d.message())
        .isEqualTo("weight file '" + name() + "' is truncated: it ends inside the header");
  }

  @Test
  void rejectsFileEndingInsideTheHeaderLength() throws IOException {
    Diagnostic d = reject(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 5});
    assertThat(d.message())
        .isEqualTo("weight file '" + name() + "' is truncated: it ends inside the header");
  }

  @ParameterizedTest
  @CsvSource({"4, 0", "1, 1", "0, 9"})
  void rejectsUnknownVersions(int major, int minor) throws IOException {
    byte[] header = header("<f8", false, "(1,)").getBytes(StandardCharsets.ISO_8859_1);
    // A well-formed file with patched version bytes.
    byte[] bytes = raw(2, 0, header, header.length, data("<f8", 1));
    bytes[6] = (byte) major;
    bytes[7] = (byte) minor;
    Diagnostic d = reject(bytes);
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has unsupported .npy format version "
                + major
                + "."
                + minor);
    assertThat(d.hint())
        .isEqualTo("rnnc reads .npy format versions 1.0, 2.0 and 3.0, which np.save writes");
  }

  @Test
  void rejectsTruncatedHeader() throws IOException {
    byte[] header = "{'descr': '<f8'".getBytes(StandardCharsets.ISO_8859_1);
    Diagnostic d = reject(raw(1, 0, header, 118, new byte[0]));
    assertThat(d.message())
        .isEqualTo("weight file '" + name() + "' is truncated: it ends inside the header");
  }

  @Test
  void rejectsOversizedHeaderBeforeReadingIt() throws IOException {
    Diagnostic d = reject(raw(2, 0, new byte[16], 0xFFFF_FFF0L, new byte[0]));
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has an oversized header (4294967280 bytes; the limit is"
                + " 1048576)");
  }

  // --- malformed headers --------------------------------------------------------------------

  private String malformed(String detail) {
    return "malformed header in weight file '" + name() + "': " + detail;
  }

  private Diagnostic rejectHeader(String dict) throws IOException {
    Diagnostic d = reject(file(1, dict, data("<f8", 1, 2)));
    return d;
  }

  @Test
  void rejectsHeaderThatIsNotADict() throws IOException {
    Diagnostic d = rejectHeader("['<f8', False, (2,)]");
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.message()).isEqualTo(malformed("expected a dict, found ['<f8', False, (2,)]"));
    assertThat(d.hint()).isEqualTo(SAVE_HINT);
  }

  @Test
  void rejectsMissingKey() throws IOException {
    Diagnostic d = rejectHeader("{'descr': '<f8', 'shape': (2,), }");
    assertThat(d.message()).isEqualTo(malformed("missing key 'fortran_order'"));
  }

  @Test
  void rejectsUnexpectedKey() throws IOException {
    Diagnostic d =
        rejectHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'order': 'C'}");
    assertThat(d.message()).isEqualTo(malformed("unexpected key 'order'"));
  }

  @Test
  void rejectsDuplicateKey() throws IOException {
    Diagnostic d =
        rejectHeader("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}");
    assertThat(d.message()).isEqualTo(malformed("duplicate key 'descr' at character 18"));
  }

  @Test
  void rejectsSyntaxErrorsWithTheirOffset() throws IOException {
    Diagnostic d = rejectHeader("{'descr' '<f8', 'fortran_order': False, 'shape': (2,)}");
    assertThat(d.message())
        .isEqualTo(malformed("expected ':' after a dict key, found ''' at character 10"));
  }

  @Test
  void rejectsUnterminatedDict() throws IOException {
    Diagnostic d = rejectHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)");
    assertThat(d.message()).startsWith(malformed("expected ',' or '}' after a dict value, found "));
  }

  @Test
  void rejectsShapeThatIsAList() throws IOException {
    Diagnostic d = rejectHeader(header("<f8", false, "[2]"));
    assertThat(d.message())
        .isEqualTo(malformed("'shape' must be a tuple of non-negative integers, found [2]"));
  }

  @Test
  void rejectsParenthesizedIntegerShape() throws IOException {
    // (2) is the integer 2 in Python, not a tuple.
    Diagnostic d = rejectHeader(header("<f8", false, "(2)"));
    assertThat(d.message())
        .isEqualTo(malformed("'shape' must be a tuple of non-negative integers, found 2"));
  }

  @Test
  void rejectsNegativeDimension() throws IOException {
    Diagnostic d = rejectHeader(header("<f8", false, "(2, -1)"));
    assertThat(d.message())
        .isEqualTo(malformed("'shape' must be a tuple of non-negative integers, found (2, -1)"));
  }

  @Test
  void rejectsFloatDimension() throws IOException {
    Diagnostic d = rejectHeader(header("<f8", false, "(2.0,)"));
    assertThat(d.message())
        .isEqualTo(
            malformed("unexpected '.' in a number (only integers are allowed) at character 53"));
  }

  @Test
  void rejectsNonBooleanFortranOrder() throws IOException {
    Diagnostic d = rejectHeader("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }");
    assertThat(d.message()).isEqualTo(malformed("'fortran_order' must be True or False, found 0"));
  }

  @Test
  void rejectsNonStringDescr() throws IOException {
    Diagnostic d = rejectHeader("{'descr': 8, 'fortran_order': False, 'shape': (2,), }");
    assertThat(d.message()).isEqualTo(malformed("'descr' must be a string, found 8"));
  }

  @Test
  void rejectsInvalidUtf8InVersion3Header() throws IOException {
    byte[] header = (header("<f8", false, "(1,)") + "  \n").getBytes(StandardCharsets.UTF_8);
    header[header.length - 2] = (byte) 0xC3; // a lead byte followed by a space
    Diagnostic d = reject(raw(3, 0, header, header.length, data("<f8", 1)));
    assertThat(d.message()).isEqualTo(malformed("a version 3.0 header must be UTF-8 text"));
  }

  // --- dtype and order ----------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "<i8; 64-bit signed integer",
        "|u1; 8-bit unsigned integer",
        "|b1; boolean",
        "<f2; 16-bit float",
        "<f16; 128-bit float",
        "<c16; 128-bit complex",
        "|O; Python objects",
        "<U5; unicode strings"
      })
  void rejectsUnsupportedDtypesNamingThem(String descr, String kind) throws IOException {
    Diagnostic d = rejectHeader(header(descr, false, "(2,)"));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_DTYPE);
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has unsupported dtype '"
                + descr
                + "' ("
                + kind
                + "); only float32 and float64 are supported");
    assertThat(d.hint()).isEqualTo("convert it before saving: np.save(path, w.astype(np.float64))");
  }

  @Test
  void rejectsUnknownDtypeNames() throws IOException {
    Diagnostic d = rejectHeader(header("float64", false, "(2,)"));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_DTYPE);
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has unsupported dtype 'float64'; only float32 and"
                + " float64 are supported");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=f8", "|f8", "f8", "=f4"})
  void rejectsDtypesWithoutByteOrder(String descr) throws IOException {
    Diagnostic d = rejectHeader(header(descr, false, "(2,)"));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_DTYPE);
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has dtype '"
                + descr
                + "', which does not say the byte"
                + " order of the data");
    String size = descr.substring(descr.length() - 1);
    assertThat(d.hint())
        .isEqualTo(
            "np.save writes '<f" + size + "' or '>f" + size + "'; save the array with np.save");
  }

  @Test
  void rejectsStructuredDtype() throws IOException {
    Diagnostic d =
        rejectHeader(
            "{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }");
    assertThat(d.code()).isEqualTo(Code.WEIGHT_DTYPE);
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has a structured dtype; only float32 and float64 arrays"
                + " are supported");
  }

  @Test
  void rejectsFortranOrder() throws IOException {
    Diagnostic d = reject(file(1, header("<f8", true, "(2, 1)"), data("<f8", 1, 2)));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_ORDER);
    assertThat(d.message())
        .isEqualTo(
            "weight file '" + name() + "' is stored in Fortran order; only C order is supported");
    assertThat(d.hint()).isEqualTo("save a C-order copy: np.save(path, np.ascontiguousarray(w))");
  }

  // --- sizes and data -----------------------------------------------------------------------

  @Test
  void rejectsShapesWithTooManyValues() throws IOException {
    Diagnostic d = reject(file(1, header("<f8", false, "(100000, 100000)"), new byte[0]));
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has shape (100000, 100000), more than 2147483639"
                + " values");
  }

  @Test
  void rejectsDimensionBeyondAnyArray() throws IOException {
    Diagnostic d =
        reject(file(1, header("<f8", false, "(0, 123456789012345678901234567890)"), new byte[0]));
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has shape (0, 123456789012345678901234567890), more"
                + " than 2147483639 values");
  }

  @Test
  void rejectsTruncatedData() throws IOException {
    Diagnostic d = reject(file(1, header("<f8", false, "(2, 3)"), data("<f8", 1, 2, 3, 4, 5)));
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' is truncated: shape (2, 3) of '<f8' needs 48 bytes of"
                + " data, found 40");
  }

  @Test
  void rejectsExtraData() throws IOException {
    Diagnostic d = reject(file(1, header(">f4", false, "(2,)"), data(">f4", 1, 2, 3)));
    assertThat(d.message())
        .isEqualTo(
            "weight file '"
                + name()
                + "' has 4 extra bytes after the data of shape (2,) of"
                + " '>f4'");
    assertThat(d.hint()).contains("several np.save calls");
  }

  @Test
  void rejectsNaNNamingItsIndex() throws IOException {
    double[] values = new double[4 * 8];
    values[3 * 8 + 7] = Double.NaN;
    values[31] = Double.NaN;
    Diagnostic d = reject(file(1, "<f8", "(4, 8)", values));
    assertThat(d.code()).isEqualTo(Code.NON_FINITE);
    assertThat(d.message())
        .isEqualTo("weight file '" + name() + "' has a non-finite value (nan) at index [3, 7]");
  }

  @Test
  void rejectsInfinityInFloat32() throws IOException {
    Diagnostic d =
        reject(file(2, ">f4", "(2, 2, 2)", 0, 0, 0, 0, 0, Float.NEGATIVE_INFINITY, 0, 0));
    assertThat(d.code()).isEqualTo(Code.NON_FINITE);
    assertThat(d.message())
        .isEqualTo("weight file '" + name() + "' has a non-finite value (-inf) at index [1, 0, 1]");
  }

  @Test
  void rejectsNonFiniteScalar() throws IOException {
    Diagnostic d = reject(file(1, "<f8", "()", Double.POSITIVE_INFINITY));
    assertThat(d.message())
        .isEqualTo("weight file '" + name() + "' has a non-finite value (inf) at index []");
  }
}
