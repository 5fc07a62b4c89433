package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.diag.Code;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Accepted: dtype {@code '<f8'}, {@code '>f8'}, {@code '<f4'} or {@code '>f4'} (what {@code
 * np.save} writes for float64 and float32 on either byte order), C order, any shape. The forms
 * {@code '=f8'}, {@code '|f8'} and {@code 'f8'} are rejected: they do not say the byte order of the
 * data, and NumPy never writes them. Every value must be finite. The header dict is parsed with
 * {@link PyLiteralParser} and must have exactly the keys {@code descr}, {@code fortran_order} and
 * {@code shape}, as NumPy itself requires. The data must fill the rest of the file exactly.
 */
final class NpyReader {

  /** Far above any header NumPy writes for a float array, far below an absurd allocation. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  /** The largest array a JVM reliably allocates. */
  static final long MAX_VALUES = TensorData.MAX_VALUES;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("([<>=|]?)([A-Za-z])(\\d*)");
  private static final String SAVE_HINT = "write the file with np.save(path, w)";

  private NpyReader() {}

  /** A validated header: what the data after it holds. */
  private record Header(
      String descr, ElementType dtype, ByteOrder order, int[] shape, long count) {}

  /**
   * Reads {@code file}; {@code name} is how messages call it.
   *
   * @throws IOException if the file cannot be opened or read
   * @throws WeightFileException if it is not a supported, well-formed {@code .npy} file
   */
  static NdArray read(Path file, String name) throws IOException, WeightFileException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        throw WeightFileException.ofFile(
            Code.WEIGHT_FILE, "weight file '" + name + "' is empty", SAVE_HINT);
      }
      ByteBuffer prefix = readUpTo(channel, 0, (int) Math.min(size, 12));
      checkMagic(prefix, name);
      int major = Byte.toUnsignedInt(prefix.get(6));
      int minor = Byte.toUnsignedInt(prefix.get(7));
      if (!(minor == 0 && (major == 1 || major == 2 || major == 3))) {
        throw WeightFileException.ofFile(
            Code.WEIGHT_FILE,
            "weight file '" + name + "' has unsupported .npy format version " + major + "." + minor,
            "rnnc reads .npy format versions 1.0, 2.0 and 3.0, which np.save writes");
      }
      int lengthBytes = major == 1 ? 2 : 4;
      int preamble = 8 + lengthBytes;
      if (prefix.limit() < preamble) {
        throw truncatedHeader(name);
      }
      prefix.order(ByteOrder.LITTLE_ENDIAN);
      long headerLength =
          major == 1
              ? Short.toUnsignedInt(prefix.getShort(8))
              : Integer.toUnsignedLong(prefix.getInt(8));
      if (headerLength > MAX_HEADER_BYTES) {
        throw WeightFileException.ofFile(
            Code.WEIGHT_FILE,
            "weight file '"
                + name
                + "' has an oversized header ("
                + headerLength
                + " bytes; the limit is "
                + MAX_HEADER_BYTES
                + ")",
            SAVE_HINT);
      }
      if (preamble + headerLength > size) {
        throw truncatedHeader(name);
      }
      ByteBuffer headerBytes = readUpTo(channel, preamble, (int) headerLength);
      String headerText = decodeHeader(headerBytes, major, name);
      Header header = parseHeader(headerText, name);
      long dataOffset = preamble + headerLength;
      checkDataLength(header, size - dataOffset, name);
      double[] data =
          TensorData.read(
              channel,
              dataOffset,
              header.shape(),
              header.dtype(),
              header.order(),
              "weight file '" + name + "'");
      return new NdArray(header.shape(), data);
    }
  }

  private static void checkMagic(ByteBuffer prefix, String name) throws WeightFileException {
    int n = Math.min(prefix.limit(), MAGIC.length);
    for (int i = 0; i < n; i++) {
      if (prefix.get(i) != MAGIC[i]) {
        if (prefix.limit() >= 2 && prefix.get(0) == 'P' && prefix.get(1) == 'K') {
          throw WeightFileException.ofFile(
              Code.WEIGHT_FILE,
              "weight file '" + name + "' is a zip archive (.npz?), not a .npy file",
              "save each array on its own: np.save('w.npy', np.load('w.npz')['w'])");
        }
        throw WeightFileException.ofFile(
            Code.WEIGHT_FILE,
            "weight file '"
                + name
                + "' is not a NumPy .npy file (it does not start with"
                + " \\x93NUMPY)",
            SAVE_HINT);
      }
    }
    if (prefix.limit() < 8) {
      throw truncatedHeader(name);
    }
  }

  private static WeightFileException truncatedHeader(String name) {
    return WeightFileException.ofFile(
        Code.WEIGHT_FILE,
        "weight file '" + name + "' is truncated: it ends inside the header",
        null);
  }

  private static String decodeHeader(ByteBuffer bytes, int major, String name)
      throws WeightFileException {
    if (major < 3) {
      return StandardCharsets.ISO_8859_1.decode(bytes).toString();
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(bytes);
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw malformed(name, "a version 3.0 header must be UTF-8 text");
    }
  }

  private static WeightFileException malformed(String name, String detail) {
    return WeightFileException.ofFile(
        Code.WEIGHT_FILE, "malformed header in weight file '" + name + "': " + detail, SAVE_HINT);
  }

  private static Header parseHeader(String text, String name) throws WeightFileException {
    PyLiteral literal;
    try {
      literal = PyLiteralParser.parse(text);
    } catch (PyLiteralParser.ParseException e) {
      throw malformed(name, e.getMessage() + " at character " + (e.offset() + 1));
    }
    if (!(literal instanceof PyLiteral.Dict dict)) {
      throw malformed(name, "expected a dict, found " + abbreviate(literal.toString()));
    }
    PyLiteral descr = null;
    PyLiteral fortranOrder = null;
    PyLiteral shape = null;
    for (PyLiteral.Entry entry : dict.entries()) {
      String key = entry.key() instanceof PyLiteral.Str s ? s.value() : null;
      if ("descr".equals(key)) {
        descr = entry.value();
      } else if ("fortran_order".equals(key)) {
        fortranOrder = entry.value();
      } else if ("shape".equals(key)) {
        shape = entry.value();
      } else {
        throw malformed(name, "unexpected key " + abbreviate(entry.key().toString()));
      }
    }
    if (descr == null || fortranOrder == null || shape == null) {
      String key = descr == null ? "descr" : fortranOrder == null ? "fortran_order" : "shape";
      throw malformed(name, "missing key '" + key + "'");
    }
    if (!(fortranOrder instanceof PyLiteral.Bool fortran)) {
      throw malformed(
          name,
          "'fortran_order' must be True or False, found " + abbreviate(fortranOrder.toString()));
    }
    int[] dims = shape(shape, name);
    String descrText = descr instanceof PyLiteral.Str s ? s.value() : null;
    ElementType dtype = dtype(descr, name);
    ByteOrder order = descrText.charAt(0) == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    if (fortran.value()) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_ORDER,
          "weight file '" + name + "' is stored in Fortran order; only C order is supported",
          "save a C-order copy: np.save(path, np.ascontiguousarray(w))");
    }
    long count = 1;
    for (int d : dims) {
      count *= d; // each d <= MAX_VALUES, and count stays <= MAX_VALUES: no overflow
      if (count > MAX_VALUES) {
        throw WeightFileException.ofFile(
            Code.WEIGHT_FILE,
            "weight file '"
                + name
                + "' has shape "
                + shape
                + ", more than "
                + MAX_VALUES
                + " values",
            null);
      }
    }
    return new Header(descrText, dtype, order, dims, count);
  }

  private static int[] shape(PyLiteral shape, String name) throws WeightFileException {
    String problem = "'shape' must be a tuple of non-negative integers, found ";
    if (!(shape instanceof PyLiteral.Tuple tuple)) {
      throw malformed(name, problem + abbreviate(shape.toString()));
    }
    int[] dims = new int[tuple.items().size()];
    for (int i = 0; i < dims.length; i++) {
      if (!(tuple.items().get(i) instanceof PyLiteral.Int d) || d.value().signum() < 0) {
        throw malformed(name, problem + abbreviate(shape.toString()));
      }
      if (d.value().compareTo(BigInteger.valueOf(MAX_VALUES)) > 0) {
        throw WeightFileException.ofFile(
            Code.WEIGHT_FILE,
            "weight file '"
                + name
                + "' has shape "
                + abbreviate(shape.toString())
                + ", more than "
                + MAX_VALUES
                + " values",
            null);
      }
      dims[i] = d.value().intValue();
    }
    return dims;
  }

  private static ElementType dtype(PyLiteral descr, String name) throws WeightFileException {
    String convert = "convert it before saving: np.save(path, w.astype(np.float64))";
    if (descr instanceof PyLiteral.PyList) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_DTYPE,
          "weight file '"
              + name
              + "' has a structured dtype; only float32 and float64 arrays are"
              + " supported",
          "save each field as a plain array, e.g. np.save(path, w['name'].astype(np.float64))");
    }
    if (!(descr instanceof PyLiteral.Str str)) {
      throw malformed(name, "'descr' must be a string, found " + abbreviate(descr.toString()));
    }
    String d = str.value();
    switch (d) {
      case "<f8":
      case ">f8":
        return ElementType.FLOAT64;
      case "<f4":
      case ">f4":
        return ElementType.FLOAT32;
      default:
        break;
    }
    Matcher m = DESCR.matcher(d);
    if (m.matches()
        && m.group(2).equals("f")
        && (m.group(3).equals("8") || m.group(3).equals("4"))) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_DTYPE,
          "weight file '"
              + name
              + "' has dtype "
              + str
              + ", which does not say the byte order of"
              + " the data",
          "np.save writes '<f"
              + m.group(3)
              + "' or '>f"
              + m.group(3)
              + "'; save the array with np.save");
    }
    String kind = m.matches() ? describe(m.group(2), m.group(3)) : null;
    throw WeightFileException.ofFile(
        Code.WEIGHT_DTYPE,
        "weight file '"
            + name
            + "' has unsupported dtype "
            + abbreviate(str.toString())
            + (kind == null ? "" : " (" + kind + ")")
            + "; only float32 and float64 are supported",
        convert);
  }

  /** A reader's name for a NumPy type code, or {@code null} if it is not one. */
  private static String describe(String kind, String size) {
    String bits = size.isEmpty() ? "" : Integer.parseInt(size) * 8 + "-bit ";
    switch (kind) {
      case "b":
        return "boolean";
      case "i":
        return bits + "signed integer";
      case "u":
        return bits + "unsigned integer";
      case "f":
        return bits + "float";
      case "c":
        return bits + "complex";
      case "O":
        return "Python objects";
      case "U":
        return "unicode strings";
      case "S":
        return "byte strings";
      case "V":
        return "raw bytes";
      case "M":
        return "datetime";
      case "m":
        return "timedelta";
      default:
        return null;
    }
  }

  private static void checkDataLength(Header header, long available, String name)
      throws WeightFileException {
    long needed = header.count() * header.dtype().size();
    String what = "shape " + tupleText(header.shape()) + " of '" + header.descr() + "'";
    if (available < needed) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE,
          "weight file '"
              + name
              + "' is truncated: "
              + what
              + " needs "
              + needed
              + " bytes of data, found "
              + available,
          null);
    }
    if (available > needed) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE,
          "weight file '"
              + name
              + "' has "
              + (available - needed)
              + " extra bytes after the data"
              + " of "
              + what,
          "a .npy file holds one array; was it written by several np.save calls to one file?");
    }
  }

  /** Reads up to {@code length} bytes at {@code offset}; fewer only at the end of the file. */
  private static ByteBuffer readUpTo(FileChannel channel, long offset, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        break;
      }
    }
    return buffer.flip();
  }

  /** A shape as Python writes it: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
  static String tupleText(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder out = new StringBuilder("(");
    for (int k = 0; k < shape.length; k++) {
      out.append(k == 0 ? "" : ", ").append(shape[k]);
    }
    return out.append(')').toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
