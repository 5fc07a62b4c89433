package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.weights.JsonReader.JsonArray;
import dev.rnnc.compiler.weights.JsonReader.JsonNumber;
import dev.rnnc.compiler.weights.JsonReader.JsonObject;
import dev.rnnc.compiler.weights.JsonReader.JsonString;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A safetensors file whose header has been read and checked; its tensors are read on demand.
 *
 * <p>The format: an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON (an object
 * mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}, plus an
 * optional {@code "__metadata__"} object of strings), then the data, each tensor's bytes at {@code
 * [begin, end)} from the start of the data, little-endian, C order. The header is checked as a
 * whole before any tensor is read: strict JSON, a known dtype and a shape for every tensor, its
 * byte length equal to the shape's element count times the dtype's size, and the tensors' byte
 * ranges covering the data exactly, one after the other from 0 to the end of the file, without gaps
 * or overlaps.
 */
final class SafetensorsFile {

  /** Largest header read: far above any real model's, far below an absurd allocation. */
  static final long MAX_HEADER_BYTES = 16L << 20;

  /** Most tensors one file may describe. */
  static final int MAX_TENSORS = 100_000;

  /** Most dimensions a tensor may have. */
  static final int MAX_RANK = 32;

  /** The dtypes rnnc reads, as the format spells them. */
  static final List<String> READABLE = List.of("F64", "F32", "F16", "BF16");

  private static final String SAVE_HINT =
      "write the file with safetensors' save_file (e.g. safetensors.torch.save_file)";

  /** Every dtype of the format with a whole number of bytes per element, and its size. */
  private static final Map<String, Integer> DTYPE_SIZES =
      Map.ofEntries(
          Map.entry("BOOL", 1),
          Map.entry("U8", 1),
          Map.entry("I8", 1),
          Map.entry("F8_E5M2", 1),
          Map.entry("F8_E4M3", 1),
          Map.entry("F8_E8M0", 1),
          Map.entry("I16", 2),
          Map.entry("U16", 2),
          Map.entry("F16", 2),
          Map.entry("BF16", 2),
          Map.entry("I32", 4),
          Map.entry("U32", 4),
          Map.entry("F32", 4),
          Map.entry("I64", 8),
          Map.entry("U64", 8),
          Map.entry("F64", 8),
          Map.entry("C64", 8));

  /** One tensor as the header describes it; offsets are from the start of the data. */
  record Entry(String name, String dtype, long[] shape, long begin, long end) {
    Entry {
      shape = shape.clone();
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }
  }

  private final Path file;
  private final String name;
  private final long dataStart;
  private final List<Entry> entries;

  private SafetensorsFile(Path file, String name, long dataStart, List<Entry> entries) {
    this.file = file;
    this.name = name;
    this.dataStart = dataStart;
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads and checks the header of {@code file}; {@code name} is how messages call the file.
   *
   * @throws IOException if the file cannot be opened or read
   * @throws WeightFileException if it is not a well-formed safetensors file
   */
  static SafetensorsFile open(Path file, String name) throws IOException, WeightFileException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 8) {
        throw problem(
            name,
            "is too short to be a safetensors file ("
                + size
                + " bytes; it starts with an 8-byte header length)");
      }
      ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, prefix, 0, name);
      long headerLength = prefix.getLong(0);
      if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
        throw problem(
            name,
            "declares a header of "
                + Long.toUnsignedString(headerLength)
                + " bytes; the limit is "
                + MAX_HEADER_BYTES
                + " ("
                + (MAX_HEADER_BYTES >> 20)
                + " MiB)",
            "is it a safetensors file? " + SAVE_HINT);
      }
      if (8 + headerLength > size) {
        throw problem(
            name,
            "is truncated: its header of "
                + headerLength
                + " bytes ends past the end of the file ("
                + size
                + " bytes)");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
      readFully(channel, headerBytes, 8, name);
      headerBytes.flip();
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(headerBytes)
                .toString();
      } catch (CharacterCodingException e) {
        throw malformed(name, "it is not UTF-8 text");
      }
      JsonReader.Value header;
      try {
        header = JsonReader.parse(text);
      } catch (JsonReader.JsonException e) {
        throw malformed(name, "not JSON: " + e.getMessage() + " at character " + (e.offset() + 1));
      }
      long dataStart = 8 + headerLength;
      List<Entry> entries = inDataOrder(entries(header, name), size - dataStart, name);
      return new SafetensorsFile(file, name, dataStart, entries);
    }
  }

  /** The tensors' names, in the order of their data in the file. */
  List<String> names() {
    List<String> names = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      names.add(e.name());
    }
    return names;
  }

  /** The tensor named {@code tensor}, if the file has one. */
  Optional<Entry> find(String tensor) {
    for (Entry e : entries) {
      if (e.name().equals(tensor)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads one tensor's values (every one must be finite).
   *
   * @throws WeightFileException if its dtype is not one rnnc reads, it is too large, or a value is
   *     not finite
   */
  NdArray read(Entry entry) throws IOException, WeightFileException {
    String what = "tensor '" + entry.name() + "' of weight file '" + name + "'";
    ElementType type =
        switch (entry.dtype()) {
          case "F64" -> ElementType.FLOAT64;
          case "F32" -> ElementType.FLOAT32;
          case "F16" -> ElementType.FLOAT16;
          case "BF16" -> ElementType.BFLOAT16;
          default ->
              throw WeightFileException.ofFile(
                  Code.WEIGHT_DTYPE,
                  what
                      + " has dtype "
                      + entry.dtype()
                      + "; rnnc reads "
                      + String.join(", ", READABLE)
                      + " tensors",
                  "convert it before saving, e.g. tensor.to(torch.float32)");
        };
    long[] shape = entry.shape();
    int[] dims = new int[shape.length];
    long count = 1;
    for (int k = 0; k < shape.length; k++) {
      count *= shape[k]; // the header check bounds the product by the file's size
      if (shape[k] > TensorData.MAX_VALUES || count > TensorData.MAX_VALUES) {
        throw WeightFileException.ofFile(
            Code.TOO_LARGE,
            what + " has shape " + shapeText(shape) + ", more than rnnc can hold in one array",
            null);
      }
      dims[k] = (int) shape[k];
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      double[] data =
          TensorData.read(
              channel, dataStart + entry.begin(), dims, type, ByteOrder.LITTLE_ENDIAN, what);
      return new NdArray(dims, data);
    }
  }

  // ---- the header ------------------------------------------------------------------------------

  private static List<Entry> entries(JsonReader.Value header, String name)
      throws WeightFileException {
    if (!(header instanceof JsonObject object)) {
      throw malformed(name, "it is not a JSON object");
    }
    int count = object.members().size() - (object.members().containsKey("__metadata__") ? 1 : 0);
    if (count > MAX_TENSORS) {
      throw WeightFileException.ofFile(
          Code.TOO_LARGE,
          "weight file '" + name + "' describes " + count + " tensors; the limit is " + MAX_TENSORS,
          null);
    }
    List<Entry> entries = new ArrayList<>(count);
    for (Map.Entry<String, JsonReader.Value> member : object.members().entrySet()) {
      String tensor = member.getKey();
      if (tensor.equals("__metadata__")) {
        checkMetadata(member.getValue(), name);
      } else {
        entries.add(entry(tensor, member.getValue(), name));
      }
    }
    return entries;
  }

  private static void checkMetadata(JsonReader.Value value, String name)
      throws WeightFileException {
    if (!(value instanceof JsonObject metadata)
        || !metadata.members().values().stream().allMatch(v -> v instanceof JsonString)) {
      throw malformed(name, "\"__metadata__\" must be an object whose values are strings");
    }
  }

  private static Entry entry(String tensor, JsonReader.Value value, String name)
      throws WeightFileException {
    String about = "tensor '" + abbreviate(tensor) + "': ";
    if (!(value instanceof JsonObject object)) {
      throw malformed(name, about + "its description must be a JSON object");
    }
    for (String key : object.members().keySet()) {
      if (!List.of("dtype", "shape", "data_offsets").contains(key)) {
        throw malformed(name, about + "unexpected key \"" + abbreviate(key) + "\"");
      }
    }
    for (String key : List.of("dtype", "shape", "data_offsets")) {
      if (!object.members().containsKey(key)) {
        throw malformed(name, about + "missing key \"" + key + "\"");
      }
    }
    if (!(object.members().get("dtype") instanceof JsonString dtype)) {
      throw malformed(name, about + "\"dtype\" must be a string");
    }
    if (!DTYPE_SIZES.containsKey(dtype.value())) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_DTYPE,
          "weight file '"
              + name
              + "' has tensor '"
              + abbreviate(tensor)
              + "' of unknown dtype \""
              + abbreviate(dtype.value())
              + "\"",
          "rnnc reads " + String.join(", ", READABLE) + " tensors");
    }
    long[] shape = integers(object.members().get("shape"), name, about + "\"shape\"", -1);
    if (shape.length > MAX_RANK) {
      throw WeightFileException.ofFile(
          Code.TOO_LARGE,
          "weight file '"
              + name
              + "' has tensor '"
              + abbreviate(tensor)
              + "' with "
              + shape.length
              + " dimensions; the limit is "
              + MAX_RANK,
          null);
    }
    long[] offsets =
        integers(object.members().get("data_offsets"), name, about + "\"data_offsets\"", 2);
    if (offsets[1] < offsets[0]) {
      throw malformed(
          name,
          about
              + "\"data_offsets\" ["
              + offsets[0]
              + ", "
              + offsets[1]
              + "] end before they begin");
    }
    BigInteger bytes = BigInteger.valueOf(DTYPE_SIZES.get(dtype.value()));
    for (long d : shape) {
      bytes = bytes.multiply(BigInteger.valueOf(d));
    }
    long length = offsets[1] - offsets[0];
    if (!bytes.equals(BigInteger.valueOf(length))) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE,
          "weight file '"
              + name
              + "' has tensor '"
              + abbreviate(tensor)
              + "' of shape "
              + shapeText(shape)
              + " and dtype "
              + dtype.value()
              + " ("
              + bytes
              + " bytes), but its data_offsets ["
              + offsets[0]
              + ", "
              + offsets[1]
              + "] hold "
              + length
              + " bytes",
          SAVE_HINT);
    }
    return new Entry(tensor, dtype.value(), shape, offsets[0], offsets[1]);
  }

  /** A JSON array of non-negative integers that fit a long; {@code size} -1 for any length. */
  private static long[] integers(JsonReader.Value value, String name, String what, int size)
      throws WeightFileException {
    String expected =
        size < 0
            ? "a list of non-negative integers"
            : "a list of " + size + " non-negative integers";
    if (!(value instanceof JsonArray array) || (size >= 0 && array.items().size() != size)) {
      throw malformed(name, what + " must be " + expected);
    }
    long[] out = new long[array.items().size()];
    for (int i = 0; i < out.length; i++) {
      Optional<BigInteger> n =
          array.items().get(i) instanceof JsonNumber number ? number.integer() : Optional.empty();
      if (n.isEmpty() || n.get().signum() < 0 || n.get().bitLength() > 62) {
        throw malformed(name, what + " must be " + expected);
      }
      out[i] = n.get().longValueExact();
    }
    return out;
  }

  /**
   * The entries in the order of their data, which must cover the data exactly: from byte 0, one
   * after another, to its end.
   */
  private static List<Entry> inDataOrder(List<Entry> entries, long dataBytes, String name)
      throws WeightFileException {
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long at = 0;
    Entry previous = null;
    for (Entry e : byOffset) {
      if (e.begin() < at) {
        throw malformed(
            name,
            "tensors '"
                + abbreviate(previous.name())
                + "' and '"
                + abbreviate(e.name())
                + "' overlap (data_offsets "
                + range(previous)
                + " and "
                + range(e)
                + ")");
      }
      if (e.begin() > at) {
        throw malformed(
            name,
            "bytes ["
                + at
                + ", "
                + e.begin()
                + ") of the data belong to no tensor (the next, '"
                + abbreviate(e.name())
                + "', starts at "
                + e.begin()
                + ")");
      }
      at = e.end();
      previous = e;
    }
    if (at > dataBytes) {
      throw problem(
          name,
          "is truncated: its tensors need "
              + at
              + " bytes of data, the file holds "
              + dataBytes
              + " after the header");
    }
    if (at < dataBytes) {
      throw problem(
          name,
          "has "
              + (dataBytes - at)
              + " bytes after the data of its last tensor (the tensors end at byte "
              + at
              + " of "
              + dataBytes
              + ")");
    }
    return byOffset;
  }

  private static String range(Entry e) {
    return "[" + e.begin() + ", " + e.end() + "]";
  }

  static String shapeText(long[] shape) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      out.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return out.append(']').toString();
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long offset, String name)
      throws IOException, WeightFileException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw problem(name, "is truncated (it shrank while read)");
      }
    }
  }

  private static WeightFileException problem(String name, String what) {
    return problem(name, what, null);
  }

  private static WeightFileException problem(String name, String what, String hint) {
    return WeightFileException.ofFile(Code.WEIGHT_FILE, "weight file '" + name + "' " + what, hint);
  }

  private static WeightFileException malformed(String name, String detail) {
    return WeightFileException.ofFile(
        Code.WEIGHT_FILE,
        "malformed header in safetensors file '" + name + "': " + detail,
        SAVE_HINT);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
