package dev.rnnc.compiler.onnx;

import com.google.protobuf.ByteString;
import dev.rnnc.compiler.onnx.proto.Onnx.StringStringEntryProto;
import dev.rnnc.compiler.onnx.proto.Onnx.TensorProto;
import dev.rnnc.compiler.onnx.proto.Onnx.TensorProto.DataType;
import dev.rnnc.compiler.weights.ElementType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decodes the tensors of a model (initializers, constants) within the import limits: the data in
 * {@code raw_data} (little-endian), in the field of its data type, or in an external file, which
 * must lie inside the model's own folder.
 */
final class TensorReader {

  private final Path modelDir;
  private final ImportLimits limits;
  private long totalValues;

  /**
   * @param modelDir the folder of the model file: external data is read only from inside it
   */
  TensorReader(Path modelDir, ImportLimits limits) {
    this.modelDir = modelDir;
    this.limits = limits;
  }

  /**
   * The tensor {@code t}; {@code what} names it in messages, e.g. {@code initializer 'fc.bias'}.
   */
  Tensor read(TensorProto t, String what) throws ImportException {
    DataType type = DataType.forNumber(t.getDataType());
    int size = type == null ? 0 : elementSize(type);
    if (size == 0) {
      throw new ImportException(
          what + " has data type " + (type == null ? t.getDataType() : type.name()),
          "rnnc imports tensors of floating-point, integer and boolean types");
    }
    if (t.hasSegment()) {
      throw new ImportException(what + " is stored in segments", "save the model in one piece");
    }
    long[] dims = dims(t, what);
    int count = (int) count(dims);
    totalValues += count;
    if (totalValues > limits.maxTotalValues()) {
      throw new ImportException(
          "the model's tensors hold more than " + limits.maxTotalValues() + " values in all", null);
    }
    boolean external = t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    if (external || t.hasRawData()) {
      ByteBuffer bytes =
          external
              ? externalData(t, what, (long) count * size)
              : raw(t.getRawData(), what, (long) count * size);
      return fromBytes(bytes.order(ByteOrder.LITTLE_ENDIAN), type, dims, count);
    }
    return fromFields(t, type, dims, count, what);
  }

  private long[] dims(TensorProto t, String what) throws ImportException {
    if (t.getDimsCount() > limits.maxRank()) {
      throw new ImportException(
          what + " has " + t.getDimsCount() + " dimensions; the limit is " + limits.maxRank(),
          null);
    }
    long[] dims = new long[t.getDimsCount()];
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = t.getDims(i);
      if (dims[i] < 0) {
        throw new ImportException(what + " has a negative dimension (" + dims[i] + ")", null);
      }
      if (dims[i] > limits.maxTensorValues() || (n *= dims[i]) > limits.maxTensorValues()) {
        throw new ImportException(
            what
                + " has shape "
                + Tensor.shapeText(dims(t))
                + ", more than "
                + limits.maxTensorValues()
                + " values",
            null);
      }
    }
    return dims;
  }

  private static long[] dims(TensorProto t) {
    long[] dims = new long[t.getDimsCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = t.getDims(i);
    }
    return dims;
  }

  private static long count(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** Bytes per element, or 0 for types rnnc does not read (strings, complex numbers, ...). */
  private static int elementSize(DataType type) {
    return switch (type) {
      case UINT8, INT8, BOOL -> 1;
      case UINT16, INT16, FLOAT16, BFLOAT16 -> 2;
      case FLOAT, INT32, UINT32 -> 4;
      case DOUBLE, INT64, UINT64 -> 8;
      default -> 0;
    };
  }

  private static ByteBuffer raw(ByteString data, String what, long expected)
      throws ImportException {
    if (data.size() != expected) {
      throw new ImportException(
          what + " has " + data.size() + " bytes of data; its shape and type need " + expected,
          null);
    }
    return data.asReadOnlyByteBuffer();
  }

  private static Tensor fromBytes(ByteBuffer in, DataType type, long[] dims, int count) {
    ElementType floatType =
        switch (type) {
          case FLOAT -> ElementType.FLOAT32;
          case DOUBLE -> ElementType.FLOAT64;
          case FLOAT16 -> ElementType.FLOAT16;
          case BFLOAT16 -> ElementType.BFLOAT16;
          default -> null;
        };
    if (floatType != null) {
      double[] values = new double[count];
      floatType.decode(in, values, 0, count);
      return Tensor.ofFloats(dims, values);
    }
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] =
          switch (type) {
            case INT8 -> in.get();
            case UINT8 -> Byte.toUnsignedLong(in.get());
            case BOOL -> in.get() != 0 ? 1 : 0;
            case INT16 -> in.getShort();
            case UINT16 -> Short.toUnsignedLong(in.getShort());
            case INT32 -> in.getInt();
            case UINT32 -> Integer.toUnsignedLong(in.getInt());
            default -> in.getLong(); // INT64, UINT64
          };
    }
    return Tensor.ofInts(dims, values);
  }

  private static Tensor fromFields(
      TensorProto t, DataType type, long[] dims, int count, String what) throws ImportException {
    int found =
        switch (type) {
          case FLOAT -> t.getFloatDataCount();
          case DOUBLE -> t.getDoubleDataCount();
          case INT64 -> t.getInt64DataCount();
          case UINT32, UINT64 -> t.getUint64DataCount();
          default -> t.getInt32DataCount();
        };
    if (found != count) {
      throw new ImportException(
          what
              + " has "
              + found
              + " values; its shape "
              + Tensor.shapeText(dims)
              + " needs "
              + count,
          null);
    }
    switch (type) {
      case FLOAT, DOUBLE, FLOAT16, BFLOAT16 -> {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
          values[i] =
              switch (type) {
                case FLOAT -> t.getFloatData(i);
                case DOUBLE -> t.getDoubleData(i);
                default -> {
                  ByteBuffer two = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
                  two.putShort(0, (short) t.getInt32Data(i));
                  double[] one = new double[1];
                  (type == DataType.FLOAT16 ? ElementType.FLOAT16 : ElementType.BFLOAT16)
                      .decode(two, one, 0, 1);
                  yield one[0];
                }
              };
        }
        return Tensor.ofFloats(dims, values);
      }
      default -> {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
          values[i] =
              switch (type) {
                case INT64 -> t.getInt64Data(i);
                case UINT32, UINT64 -> t.getUint64Data(i);
                case BOOL -> t.getInt32Data(i) != 0 ? 1 : 0;
                default -> t.getInt32Data(i);
              };
        }
        return Tensor.ofInts(dims, values);
      }
    }
  }

  /** The bytes of externally stored data; only files inside the model's folder are read. */
  private ByteBuffer externalData(TensorProto t, String what, long expected)
      throws ImportException {
    String location = null;
    long offset = 0;
    long length = -1;
    for (StringStringEntryProto e : t.getExternalDataList()) {
      switch (e.getKey()) {
        case "location" -> location = e.getValue();
        case "offset" -> offset = number(e.getValue(), what, "offset");
        case "length" -> length = number(e.getValue(), what, "length");
        default -> {
          // "checksum" and keys of later versions do not change where the data is.
        }
      }
    }
    String outside = "external data is read only from files in the model's folder, " + modelDir;
    if (location == null || location.isEmpty()) {
      throw new ImportException(what + " is stored externally, but names no file", null);
    }
    Path file;
    try {
      Path relative = Path.of(location);
      file = modelDir.resolve(relative).normalize();
      if (relative.isAbsolute() || !file.startsWith(modelDir.normalize())) {
        throw new ImportException(
            what + " is stored in '" + location + "', outside the model's folder", outside);
      }
    } catch (InvalidPathException e) {
      throw new ImportException(
          what + " is stored in '" + location + "', which is not a file name here", null);
    }
    try {
      if (!Files.isRegularFile(file)) {
        throw new ImportException(
            what + " is stored in '" + location + "', which is missing or not a regular file",
            "keep the data file beside the model, as onnx.save wrote it");
      }
      if (!file.toRealPath().startsWith(modelDir.toRealPath())) {
        throw new ImportException(
            what + " is stored in '" + location + "', a link to outside the model's folder",
            outside);
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = channel.size();
        long available = length >= 0 ? length : size - offset;
        if (offset > size || available > size - offset) {
          throw new ImportException(
              what
                  + " is stored at bytes ["
                  + offset
                  + ", "
                  + (offset + Math.max(available, 0))
                  + ") of '"
                  + location
                  + "', which has "
                  + size
                  + " bytes",
              null);
        }
        if (available != expected) {
          throw new ImportException(
              what
                  + " has "
                  + available
                  + " bytes of external data; its shape and type need "
                  + expected,
              null);
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) expected);
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, offset + buffer.position()) < 0) {
            throw new ImportException("'" + location + "' shrank while it was read", null);
          }
        }
        return buffer.flip();
      }
    } catch (IOException e) {
      throw new ImportException(
          "cannot read '" + location + "', the external data of " + what + ": " + describe(e),
          null);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static long number(String text, String what, String key) throws ImportException {
    try {
      long n = Long.parseLong(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ImportException(
        what + " has external data " + key + " '" + text + "', not a non-negative integer", null);
  }
}
