package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format selection, unreadable files, and files written by NumPy itself (made by {@code
 * src/test/resources/weights/make_fixtures.py}).
 */
class ArrayFilesTest {

  private static final SourcePosition AT = new SourcePosition(Path.of("models/spec.yaml"), 9, 14);

  @TempDir Path dir;

  private static Diagnostic reject(Path file) {
    Diagnostics sink = new Diagnostics();
    assertThat(ArrayFiles.read(file, AT, sink)).isEmpty();
    assertThat(sink.all()).hasSize(1);
    Diagnostic d = sink.all().get(0);
    assertThat(d.position()).isEqualTo(AT);
    return d;
  }

  private static NdArray fixture(String name) throws URISyntaxException {
    Path path =
        Path.of(
            Objects.requireNonNull(ArrayFilesTest.class.getResource("/weights/" + name)).toURI());
    Diagnostics sink = new Diagnostics();
    Optional<NdArray> array = ArrayFiles.read(path, AT, sink);
    assertThat(sink.all()).isEmpty();
    return array.orElseThrow();
  }

  private static Diagnostic rejectFixture(String name) throws URISyntaxException {
    return reject(
        Path.of(
            Objects.requireNonNull(ArrayFilesTest.class.getResource("/weights/" + name)).toURI()));
  }

  @Test
  void reportsMissingFileWithThePathAsGiven() {
    Path missing = Path.of("weights", "w.npy");
    Diagnostic d = reject(missing);
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.message()).isEqualTo("cannot read weight file '" + missing + "': no such file");
    assertThat(d.hint()).isNull();
  }

  @Test
  void reportsMissingCsv() {
    Diagnostic d = reject(dir.resolve("nope.csv"));
    assertThat(d.message())
        .isEqualTo("cannot read weight file '" + dir.resolve("nope.csv") + "': no such file");
  }

  @Test
  void reportsDirectory() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("w.npy"));
    Diagnostic d = reject(sub);
    assertThat(d.message()).isEqualTo("cannot read weight file '" + sub + "': it is a directory");
  }

  @Test
  void reportsUnreadableFile() throws IOException {
    Path file = Files.write(dir.resolve("w.csv"), "1,2\n".getBytes());
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    } catch (UnsupportedOperationException e) {
      assumeFalse(true, "no POSIX permissions on this file system");
    }
    assumeFalse(Files.isReadable(file), "running as a user who can read anything (root)");
    Diagnostic d = reject(file);
    assertThat(d.message()).isEqualTo("cannot read weight file '" + file + "': permission denied");
  }

  @Test
  void rejectsUnknownExtensionWithHint() throws IOException {
    Path file = Files.write(dir.resolve("w.txt"), "1,2\n".getBytes());
    Diagnostic d = reject(file);
    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.message())
        .isEqualTo("weight file '" + file + "' is not a .npy, .csv or .safetensors file");
    assertThat(d.hint())
        .isEqualTo("weights are read from NumPy .npy files, .csv files and safetensors files");
  }

  @Test
  void rejectsNpzWithExtractionHint() {
    Diagnostic d = reject(Path.of("w.npz"));
    assertThat(d.message())
        .isEqualTo("weight file 'w.npz' is an .npz archive; rnnc reads .npy and .csv files");
    assertThat(d.hint())
        .isEqualTo("save each array on its own: np.save('w.npy', np.load('w.npz')['w'])");
  }

  @Test
  void extensionIgnoresCase() throws IOException {
    Path file = Files.write(dir.resolve("W.CSV"), "1,2\n".getBytes());
    Diagnostics sink = new Diagnostics();
    assertThat(ArrayFiles.read(file, AT, sink)).isPresent();
    assertThat(sink.all()).isEmpty();
  }

  @Test
  void readsNumpyFloat64LittleEndian() throws Exception {
    NdArray array = fixture("f8_le_2x3.npy");
    assertThat(array.shape()).containsExactly(2, 3);
    assertThat(array.data()).containsExactly(0.5, -1.25, 3.0, 1e-3, 2.5e10, -7.0);
  }

  @Test
  void readsNumpyFloat32BigEndian() throws Exception {
    NdArray array = fixture("f4_be_3.npy");
    assertThat(array.shape()).containsExactly(3);
    assertThat(array.data()).containsExactly((float) 0.1, -2.5, 3.75);
  }

  @Test
  void readsNumpyFormat2And3() throws Exception {
    NdArray cube = fixture("f8_v2_2x2x2.npy");
    assertThat(cube.shape()).containsExactly(2, 2, 2);
    assertThat(cube.data()).containsExactly(0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875);
    NdArray scalar = fixture("f8_scalar_v3.npy");
    assertThat(scalar.shape()).isEmpty();
    assertThat(scalar.data()).containsExactly(42.5);
  }

  @Test
  void rejectsNumpyFortranOrderAndIntegers() throws Exception {
    assertThat(rejectFixture("f8_fortran_3x2.npy").code()).isEqualTo(Code.WEIGHT_ORDER);
    Diagnostic ints = rejectFixture("i8_2x2.npy");
    assertThat(ints.code()).isEqualTo(Code.WEIGHT_DTYPE);
    assertThat(ints.message()).contains("'<i8' (64-bit signed integer)");
  }

  @Test
  void readsNumpySavetxtCsv() throws Exception {
    NdArray array = fixture("savetxt_2x3.csv");
    assertThat(array).isEqualTo(fixture("f8_le_2x3.npy"));
  }
}
