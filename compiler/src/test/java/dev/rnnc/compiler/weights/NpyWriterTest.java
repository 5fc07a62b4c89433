package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy files rnnc writes are byte for byte what np.save writes, and read back exactly. */
class NpyWriterTest {

  @TempDir Path dir;

  @Test
  void writesWhatNumpyWrites() throws IOException, URISyntaxException {
    // f8_le_2x3.npy is np.save of this matrix (src/test/resources/weights/make_fixtures.py).
    Path numpy =
        Path.of(
            Objects.requireNonNull(NpyWriterTest.class.getResource("/weights/f8_le_2x3.npy"))
                .toURI());

    byte[] written = NpyWriter.matrix(new double[] {0.5, -1.25, 3.0, 1e-3, 2.5e10, -7.0}, 2, 3);

    assertThat(written).isEqualTo(Files.readAllBytes(numpy));
  }

  @Test
  void vectorsReadBackExactly() throws IOException {
    double[] values = {Math.PI, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE};
    Path file = Files.write(dir.resolve("v.npy"), NpyWriter.vector(values));

    NdArray read = ArrayFiles.read(file, SourcePosition.startOf(file), new Diagnostics()).get();

    assertThat(read.shape()).containsExactly(4);
    assertThat(read.data()).containsExactly(values);
  }

  @Test
  void theShapeMustHoldTheValues() {
    assertThatThrownBy(() -> NpyWriter.matrix(new double[5], 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape (2, 3) does not hold 5 values");
  }
}
