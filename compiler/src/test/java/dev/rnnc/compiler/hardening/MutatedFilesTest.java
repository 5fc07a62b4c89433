package dev.rnnc.compiler.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SpecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Robustness against damaged files a spec names (weights as .npy and .csv) and input data for
 * {@code rnnc run}: each is accepted or rejected with located diagnostics; nothing else happens, no
 * other exception. Fixed seeds, so CI runs the same cases every time.
 */
class MutatedFilesTest {

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("rnnc-mutated-files");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A valid 2x3 float64 .npy file. */
  private static byte[] npy() {
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    int total = 10 + header.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String dict = header + " ".repeat(padded - total) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + 6 * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) dict.length());
    b.put(dict.getBytes(StandardCharsets.US_ASCII));
    for (int k = 0; k < 6; k++) {
      b.putDouble(0.25 * k - 0.5);
    }
    return b.array();
  }

  private static final byte[] CSV = "0.5,-1.25,3\n1e-3,2.0,-0\n".getBytes(StandardCharsets.UTF_8);

  /** Damages {@code bytes}: flips, deletes, inserts, truncates or repeats, a few times. */
  private static byte[] damage(byte[] bytes, long seed) {
    Random r = new Random(seed);
    byte[] b = bytes.clone();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(5)) {
        case 0 -> b[at] = (byte) r.nextInt(256);
        case 1 -> {
          byte[] out = new byte[b.length - 1];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, at + 1, out, at, b.length - at - 1);
          b = out;
        }
        case 2 -> {
          byte[] out = new byte[b.length + 1];
          System.arraycopy(b, 0, out, 0, at);
          out[at] = (byte) r.nextInt(256);
          System.arraycopy(b, at, out, at + 1, b.length - at);
          b = out;
        }
        case 3 -> b = Arrays.copyOf(b, at);
        default -> {
          byte[] out = Arrays.copyOf(b, b.length + (b.length - at));
          System.arraycopy(b, at, out, b.length, b.length - at);
          b = out;
        }
      }
    }
    return b;
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  private static void assertAcceptedOrRejected(String fileName, byte[] contents)
      throws IOException {
    Files.write(dir.resolve(fileName), contents);
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(
        spec,
        "rnnc: 1\nname: Damaged\ninputs: {x: {type: vector, size: 3}}\ngroups: {h: {size: 2}}\n"
            + "edges:\n  - {from: x, to: h, weights: {file: "
            + fileName
            + "}}\noutputs: [h]\n");
    try {
      Compiler.load(spec);
    } catch (SpecException e) {
      assertThat(e.diagnostics()).isNotEmpty();
      for (Diagnostic d : e.diagnostics()) {
        assertThat(d.position().line()).isPositive();
        assertThat(d.message()).isNotBlank();
      }
    }
  }

  @Property(tries = 300, seed = "20261203")
  void damagedNpyWeightsAreAcceptedOrRejectedWithDiagnostics(@ForAll("seeds") long seed)
      throws IOException {
    assertAcceptedOrRejected("w.npy", damage(npy(), seed));
  }

  @Property(tries = 300, seed = "20261204")
  void damagedCsvWeightsAreAcceptedOrRejectedWithDiagnostics(@ForAll("seeds") long seed)
      throws IOException {
    assertAcceptedOrRejected("w.csv", damage(CSV, seed));
  }

  @Property(tries = 300, seed = "20261205")
  void damagedRunInputIsReadOrReportedWithPositions(@ForAll("seeds") long seed) {
    byte[] input = damage("x,y,z\n1,2,3\n4.5,-6,7e2\n".getBytes(StandardCharsets.UTF_8), seed);
    Diagnostics sink = new Diagnostics();
    List<double[]> rows =
        dev.rnnc.compiler.data.VectorCsv.parse(
            Path.of("in.csv"), new String(input, StandardCharsets.UTF_8), 3, sink);
    for (double[] row : rows) {
      assertThat(row).hasSize(3);
    }
    for (Diagnostic d : sink.all()) {
      assertThat(d.position().line()).isPositive();
    }
  }
}
