package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safetensors files: the fixture written by {@code src/test/resources/weights/make_fixtures.py},
 * and hostile files built here byte by byte, each rejected with one clear diagnostic at the spec's
 * {@code file:} (or {@code tensor:}) position.
 */
class SafetensorsFileTest {

  private static final SourcePosition FILE_AT =
      new SourcePosition(Path.of("models/spec.yaml"), 7, 30);
  private static final SourcePosition TENSOR_AT =
      new SourcePosition(Path.of("models/spec.yaml"), 7, 60);

  @TempDir Path dir;

  private static Path fixture() throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(SafetensorsFileTest.class.getResource("/weights/model.safetensors"))
            .toURI());
  }

  /** A file: the 8-byte little-endian length of {@code header}, the header, then {@code data}. */
  private Path file(String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length), h, data);
  }

  private Path write(ByteBuffer prefix, byte[] header, byte[] data) throws IOException {
    ByteBuffer all = ByteBuffer.allocate(prefix.capacity() + header.length + data.length);
    all.put(prefix.array()).put(header).put(data);
    return Files.write(dir.resolve("m.safetensors"), all.array());
  }

  private static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static NdArray read(Path file, String tensor) {
    Diagnostics sink = new Diagnostics();
    Optional<NdArray> array = new WeightFiles(sink).read(file, FILE_AT, tensor, TENSOR_AT);
    assertThat(sink.all()).isEmpty();
    return array.orElseThrow();
  }

  private static Diagnostic reject(Path file, String tensor) {
    Diagnostics sink = new Diagnostics();
    assertThat(new WeightFiles(sink).read(file, FILE_AT, tensor, TENSOR_AT)).isEmpty();
    assertThat(sink.all()).hasSize(1);
    return sink.all().get(0);
  }

  /** Rejected as a file, at the {@code file:} position. */
  private Diagnostic rejectFile(String header, byte[] data) throws IOException {
    Diagnostic d = reject(file(header, data), "w");
    assertThat(d.position()).isEqualTo(FILE_AT);
    return d;
  }

  @Test
  void readsEveryFloatDtypeExactly() throws URISyntaxException {
    Path f = fixture();

    NdArray w = read(f, "weight_ih");
    assertThat(w.shape()).containsExactly(2, 3);
    assertThat(w.data()).containsExactly(0.5, -1.25, 3.0, (double) 0.1f, 2.5, -7.0);
    assertThat(read(f, "bias").data()).containsExactly(0.25, 1e-3);
    assertThat(read(f, "half").data()).containsExactly(1.0, -2.0, 65504.0, Math.scalb(1.0, -24));
    assertThat(read(f, "brain").data()).containsExactly(1.0, -0.5, 3.140625);
  }

  @Test
  void halfPrecisionConvertsExactly() {
    // Every finite half value against the textbook formula (-1)^s * 2^(e-15) * (1 + f/1024).
    for (int bits = 0; bits < 1 << 16; bits++) {
      int e = (bits >> 10) & 0x1F;
      int f = bits & 0x3FF;
      double sign = (bits >> 15) == 1 ? -1 : 1;
      double expected =
          e == 0x1F
              ? (f == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN)
              : e == 0
                  ? sign * f * Math.pow(2, -24)
                  : sign * Math.pow(2, e - 15) * (1 + f / 1024.0);
      assertThat(Double.valueOf(ElementType.half((short) bits)))
          .as("bits %04x", bits)
          .isEqualTo(Double.valueOf(expected)); // Double.equals: NaN equals NaN, -0.0 is not 0.0
    }
  }

  @Test
  void unknownTensorNamesTheClosestOne() throws URISyntaxException {
    Diagnostic d = reject(fixture(), "weight_hi");

    assertThat(d.code()).isEqualTo(Code.UNKNOWN_REFERENCE);
    assertThat(d.position()).isEqualTo(TENSOR_AT);
    assertThat(d.message()).isEqualTo("weight file '" + fixture() + "' has no tensor 'weight_hi'");
    assertThat(d.hint()).isEqualTo("did you mean 'weight_ih'?");
  }

  @Test
  void unknownTensorWithNothingCloseListsTheFilesTensors() throws URISyntaxException {
    Diagnostic d = reject(fixture(), "lstm.weight_hh_l0");

    assertThat(d.hint()).isEqualTo("it holds weight_ih, bias, half, brain, step");
  }

  @Test
  void integerTensorsAreRefusedWithTheDtypesRnncReads() throws URISyntaxException {
    Diagnostic d = reject(fixture(), "step");

    assertThat(d.code()).isEqualTo(Code.WEIGHT_DTYPE);
    assertThat(d.position()).isEqualTo(FILE_AT);
    assertThat(d.message())
        .isEqualTo(
            "tensor 'step' of weight file '"
                + fixture()
                + "' has dtype I64; rnnc reads F64, F32, F16, BF16 tensors");
  }

  @Test
  void aSafetensorsFileNeedsATensorName() throws URISyntaxException {
    Diagnostics sink = new Diagnostics();
    assertThat(new WeightFiles(sink).read(fixture(), FILE_AT)).isEmpty();

    Diagnostic d = sink.all().get(0);
    assertThat(sink.all()).hasSize(1);
    assertThat(d.code()).isEqualTo(Code.MISSING_KEY);
    assertThat(d.message()).endsWith("is a safetensors file: say which tensor to read");
    assertThat(d.hint())
        .isEqualTo(
            "write {file: model.safetensors, tensor: NAME}; it holds weight_ih, bias, half, brain,"
                + " step");
  }

  @Test
  void aTensorNameNeedsASafetensorsFile() throws IOException {
    Path npy = Files.write(dir.resolve("w.npy"), new byte[0]);

    Diagnostic d = reject(npy, "w");

    assertThat(d.code()).isEqualTo(Code.BAD_VALUE);
    assertThat(d.position()).isEqualTo(TENSOR_AT);
    assertThat(d.message())
        .isEqualTo("'tensor' names a tensor of a safetensors file, but '" + npy + "' is not one");
  }

  @Test
  void aBadHeaderIsReportedOnceForAllItsTensors() throws IOException {
    Path f = file("{", new byte[0]);
    Diagnostics sink = new Diagnostics();
    WeightFiles files = new WeightFiles(sink);

    assertThat(files.read(f, FILE_AT, "a", TENSOR_AT)).isEmpty();
    assertThat(files.read(f, FILE_AT, "b", TENSOR_AT)).isEmpty();

    assertThat(sink.all()).hasSize(1);
  }

  @Test
  void metadataIsAllowedAndPaddingIsWhitespace() throws IOException {
    Path f =
        file(
            "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}    ",
            floats(1.5f, -2f));

    assertThat(read(f, "w").data()).containsExactly(1.5, -2.0);
  }

  @Test
  void rejectsAFileShorterThanTheLengthPrefix() throws IOException {
    Path f = Files.write(dir.resolve("m.safetensors"), new byte[] {1, 0, 0});

    Diagnostic d = reject(f, "w");

    assertThat(d.code()).isEqualTo(Code.WEIGHT_FILE);
    assertThat(d.message())
        .endsWith(
            "is too short to be a safetensors file (3 bytes; it starts with an 8-byte header"
                + " length)");
  }

  @Test
  void rejectsAHugeHeaderLengthBeforeAllocatingIt() throws IOException {
    Path f =
        write(
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-2L),
            "{}".getBytes(StandardCharsets.UTF_8),
            new byte[0]);

    Diagnostic d = reject(f, "w");

    assertThat(d.message())
        .endsWith(
            "declares a header of 18446744073709551614 bytes; the limit is 16777216 (16 MiB)");
    assertThat(d.hint()).startsWith("is it a safetensors file?");
  }

  @Test
  void rejectsAHeaderThatEndsPastTheFile() throws IOException {
    Path f =
        write(
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(100),
            "{}".getBytes(StandardCharsets.UTF_8),
            new byte[0]);

    assertThat(reject(f, "w").message())
        .endsWith("is truncated: its header of 100 bytes ends past the end of the file (10 bytes)");
  }

  @Test
  void rejectsAHeaderThatIsNotJson() throws IOException {
    assertThat(rejectFile("{'w': 1}", new byte[0]).message())
        .endsWith("not JSON: expected a key in double quotes, found ''' at character 2");
    assertThat(rejectFile("{\"w\":{}} x", new byte[0]).message())
        .endsWith("not JSON: unexpected 'x' after the value at character 10");
    assertThat(rejectFile("[1, 2]", new byte[0]).message()).endsWith("it is not a JSON object");
  }

  @Test
  void rejectsAHeaderThatIsNotUtf8() throws IOException {
    Path f =
        write(
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(3),
            new byte[] {'{', (byte) 0xC3, '}'},
            new byte[0]);

    assertThat(reject(f, "w").message()).endsWith("it is not UTF-8 text");
  }

  @Test
  void rejectsAnUnknownDtype() throws IOException {
    Diagnostic d =
        rejectFile(
            "{\"w\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", new byte[16]);

    assertThat(d.code()).isEqualTo(Code.WEIGHT_DTYPE);
    assertThat(d.message()).endsWith("has tensor 'w' of unknown dtype \"F128\"");
  }

  @Test
  void rejectsAShapeThatDoesNotFitTheBytes() throws IOException {
    Diagnostic d =
        rejectFile(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,8]}}", floats(1, 2));

    assertThat(d.message())
        .endsWith(
            "has tensor 'w' of shape [2, 3] and dtype F32 (24 bytes), but its data_offsets [0, 8]"
                + " hold 8 bytes");
  }

  @Test
  void rejectsAHugeShapeWithoutOverflowing() throws IOException {
    Diagnostic d =
        rejectFile(
            "{\"w\":{\"dtype\":\"F64\",\"shape\":[4611686018427387903,4611686018427387903],"
                + "\"data_offsets\":[0,8]}}",
            new byte[8]);

    assertThat(d.message()).contains("hold 8 bytes");
  }

  @Test
  void rejectsOverlappingTensors() throws IOException {
    Diagnostic d =
        rejectFile(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
            floats(1, 2, 3));

    assertThat(d.message())
        .endsWith("tensors 'a' and 'b' overlap (data_offsets [0, 8] and [4, 12])");
  }

  @Test
  void rejectsBytesThatBelongToNoTensor() throws IOException {
    Diagnostic d =
        rejectFile(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", floats(1, 2));

    assertThat(d.message())
        .endsWith("bytes [0, 4) of the data belong to no tensor (the next, 'a', starts at 4)");
  }

  @Test
  void rejectsTruncatedData() throws IOException {
    Diagnostic d =
        rejectFile(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", floats(1, 2));

    assertThat(d.message())
        .endsWith(
            "is truncated: its tensors need 16 bytes of data, the file holds 8 after the header");
  }

  @Test
  void rejectsBytesAfterTheLastTensor() throws IOException {
    Diagnostic d =
        rejectFile(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1, 2));

    assertThat(d.message())
        .endsWith("has 4 bytes after the data of its last tensor (the tensors end at byte 4 of 8)");
  }

  @Test
  void rejectsMalformedDescriptions() throws IOException {
    assertThat(rejectFile("{\"w\":[1]}", new byte[0]).message())
        .endsWith("tensor 'w': its description must be a JSON object");
    assertThat(rejectFile("{\"w\":{\"dtype\":\"F32\",\"shape\":[0]}}", new byte[0]).message())
        .endsWith("tensor 'w': missing key \"data_offsets\"");
    assertThat(
            rejectFile(
                    "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"x\":1}}",
                    new byte[0])
                .message())
        .endsWith("tensor 'w': unexpected key \"x\"");
    assertThat(
            rejectFile(
                    "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}",
                    new byte[0])
                .message())
        .endsWith("tensor 'w': \"shape\" must be a list of non-negative integers");
    assertThat(
            rejectFile(
                    "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", floats(1))
                .message())
        .endsWith("tensor 'w': \"shape\" must be a list of non-negative integers");
    assertThat(
            rejectFile("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", floats(1))
                .message())
        .endsWith("tensor 'w': \"data_offsets\" must be a list of 2 non-negative integers");
    assertThat(
            rejectFile(
                    "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", floats(1))
                .message())
        .endsWith("tensor 'w': \"data_offsets\" [4, 0] end before they begin");
    assertThat(rejectFile("{\"__metadata__\":{\"n\":1}}", new byte[0]).message())
        .endsWith("\"__metadata__\" must be an object whose values are strings");
    assertThat(
            rejectFile(
                    "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
                    new byte[0])
                .message())
        .endsWith("not JSON: duplicate key \"w\" at character 55");
  }

  @Test
  void rejectsTooManyDimensions() throws IOException {
    String ones = "1,".repeat(SafetensorsFile.MAX_RANK) + "1";
    Diagnostic d =
        rejectFile(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[" + ones + "],\"data_offsets\":[0,4]}}",
            floats(1));

    assertThat(d.code()).isEqualTo(Code.TOO_LARGE);
    assertThat(d.message()).endsWith("has tensor 'w' with 33 dimensions; the limit is 32");
  }

  @Test
  void rejectsTooManyTensors() throws IOException {
    StringBuilder header = new StringBuilder("{");
    for (int i = 0; i <= SafetensorsFile.MAX_TENSORS; i++) {
      header
          .append(i == 0 ? "" : ",")
          .append("\"t")
          .append(i)
          .append("\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}");
    }
    Diagnostic d = rejectFile(header.append('}').toString(), new byte[0]);

    assertThat(d.code()).isEqualTo(Code.TOO_LARGE);
    assertThat(d.message()).endsWith("describes 100001 tensors; the limit is 100000");
  }

  @Test
  void rejectsNonFiniteValuesWithTheirIndex() throws IOException {
    Path f =
        file(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}",
            floats(1, 2, Float.NaN, 4));

    Diagnostic d = reject(f, "w");

    assertThat(d.code()).isEqualTo(Code.NON_FINITE);
    assertThat(d.message())
        .isEqualTo(
            "tensor 'w' of weight file '" + f + "' has a non-finite value (nan) at index [1, 0]");
  }

  @Test
  void emptyTensorsTakeNoBytes() throws IOException {
    Path f =
        file(
            "{\"e\":{\"dtype\":\"F64\",\"shape\":[0,3],\"data_offsets\":[0,0]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            floats(5));

    assertThat(read(f, "e").shape()).containsExactly(0, 3);
    assertThat(read(f, "w").data()).containsExactly(5.0);
  }
}
