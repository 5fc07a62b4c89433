package dev.rnnc.compiler.generate;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code private static final double[]} (or {@code float[]}) constants into a generated
 * class.
 *
 * <p>Small arrays become array initializers, which read well. Large ones must not: every element of
 * an initializer costs about ten bytes of {@code <clinit>} bytecode and, for a double, two
 * constant-pool slots, so a few thousand values would break the 64 KB method and 65535-entry
 * constant-pool limits. They are stored instead as Base64 strings of their little-endian IEEE 754
 * bits, decoded once when the class initializes. Base64 is plain ASCII, so each character is one
 * byte in the source and in the class file's modified UTF-8 (a 16-bit-per-char encoding would cost
 * three bytes per char there, and unicode escapes six in the source); javac reads string literals
 * quickly and {@code java.util.Base64} decodes at memory speed. A double array whose values in a
 * part are all exactly representable as floats (as weights loaded from float32 files are) stores
 * that part as float bits, half the size. Parts that are all +0.0 are not stored at all (the array
 * starts zeroed). Each string holds at most 48000 bytes (64000 characters, under the 65535-byte
 * limit of one constant), and the decoding calls are spread over {@code data} methods so that no
 * method grows large.
 */
final class ConstantArrays {

  /** Arrays up to this length are written as initializers, while the class total allows. */
  static final int INLINE_MAX = 96;

  private static final int INLINE_TOTAL_MAX = 256;
  private static final int PART_BYTES = 48_000;
  private static final int CALLS_PER_METHOD = 300;

  static final String DECODE = "decode";
  static final String DECODE_WIDENED = "decodeWidened";

  private final boolean isFloat;
  private final NameAllocator names;
  private final List<CodeBlock> decodeCalls = new ArrayList<>();
  private int inlineTotal;
  private boolean columnsDecode;
  private boolean columnsWidened;
  private boolean usesDoubleBits;
  private boolean usesFloatBits;
  private boolean usesIntBits;

  /**
   * @param isFloat arrays hold floats (values are rounded to float)
   * @param names allocates the names of the {@code data} methods; {@link #DECODE} and {@link
   *     #DECODE_WIDENED} must already be reserved in it
   */
  ConstantArrays(boolean isFloat, NameAllocator names) {
    this.isFloat = isFloat;
    this.names = names;
  }

  TypeName arrayType() {
    return ArrayTypeName.of(isFloat ? TypeName.FLOAT : TypeName.DOUBLE);
  }

  /** Declares {@code private static final <type>[] name} holding {@code values}. */
  FieldSpec declare(String name, double[] values) {
    checkFinite(values);
    FieldSpec.Builder field =
        FieldSpec.builder(arrayType(), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
    TypeName element = isFloat ? TypeName.FLOAT : TypeName.DOUBLE;
    if (values.length == 0) {
      return field.initializer("new $T[0]", element).build();
    }
    if (values.length <= INLINE_MAX && inlineTotal + values.length <= INLINE_TOTAL_MAX) {
      inlineTotal += values.length;
      return field.initializer(arrayInitializer(values)).build();
    }
    field.initializer("new $T[$L]", element, values.length);
    int perPart = PART_BYTES / (isFloat ? Float.BYTES : Double.BYTES);
    for (int start = 0; start < values.length; start += perPart) {
      int end = Math.min(values.length, start + perPart);
      addPart(name, values, start, end);
    }
    return field.build();
  }

  /**
   * Declares {@code private static final <type>[][] name} holding a matrix column by column: {@code
   * name[j][i]} is element (i, j) of the {@code rows x cols} matrix whose column-major values are
   * {@code columnMajor}. Generated loops over one column of such an array are vectorized by
   * HotSpot's C2; over a slice of a flat array they are not (C2 cannot tell that the slice and the
   * target do not overlap).
   */
  FieldSpec declareColumns(String name, double[] columnMajor, int rows, int cols) {
    if (columnMajor.length != (long) rows * cols) {
      throw new IllegalArgumentException("expected " + rows + " x " + cols + " values");
    }
    checkFinite(columnMajor);
    TypeName element = isFloat ? TypeName.FLOAT : TypeName.DOUBLE;
    FieldSpec.Builder field =
        FieldSpec.builder(
            ArrayTypeName.of(arrayType()), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
    if (columnMajor.length <= INLINE_MAX && inlineTotal + columnMajor.length <= INLINE_TOTAL_MAX) {
      inlineTotal += columnMajor.length;
      CodeBlock.Builder b = CodeBlock.builder().add("{\n$>$>");
      for (int j = 0; j < cols; j++) {
        double[] column = java.util.Arrays.copyOfRange(columnMajor, j * rows, (j + 1) * rows);
        b.add(j == 0 ? "$L" : ",\n$L", arrayInitializer(column));
      }
      return field.initializer(b.add("$<$<\n}").build()).build();
    }
    field.initializer("new $T[$L][$L]", element, cols, rows);
    int perPart = PART_BYTES / (isFloat ? Float.BYTES : Double.BYTES);
    for (int start = 0; start < columnMajor.length; start += perPart) {
      int end = Math.min(columnMajor.length, start + perPart);
      String method = addPart(name, columnMajor, start, end);
      columnsDecode |= DECODE.equals(method);
      columnsWidened |= DECODE_WIDENED.equals(method);
    }
    return field.build();
  }

  /** Declares {@code private static final int[] name} holding {@code values}. */
  FieldSpec declareInts(String name, int[] values) {
    FieldSpec.Builder field =
        FieldSpec.builder(int[].class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
    if (values.length <= INLINE_MAX && inlineTotal + values.length <= INLINE_TOTAL_MAX) {
      inlineTotal += values.length;
      CodeBlock.Builder b = CodeBlock.builder().add("{");
      for (int k = 0; k < values.length; k++) {
        b.add(k == 0 ? "$L" : (k % 12 == 0 ? ",\n$L" : ", $L"), values[k]);
      }
      return field.initializer(b.add("}").build()).build();
    }
    field.initializer("new int[$L]", values.length);
    int perPart = PART_BYTES / Integer.BYTES;
    for (int start = 0; start < values.length; start += perPart) {
      int end = Math.min(values.length, start + perPart);
      ByteBuffer bytes =
          ByteBuffer.allocate((end - start) * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      boolean allZero = true;
      for (int k = start; k < end; k++) {
        bytes.putInt(values[k]);
        allZero &= values[k] == 0;
      }
      if (!allZero) {
        usesIntBits = true;
        decodeCalls.add(
            CodeBlock.of(
                "$N($N, $L, $S);\n",
                DECODE,
                name,
                start,
                Base64.getEncoder().encodeToString(bytes.array())));
      }
    }
    return field.build();
  }

  private void checkFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v) || (isFloat && !Float.isFinite((float) v))) {
        throw new IllegalStateException(
            "non-finite constant " + v + " cannot appear in generated code");
      }
    }
  }

  private CodeBlock arrayInitializer(double[] values) {
    CodeBlock.Builder b = CodeBlock.builder().add("{");
    boolean wrap = values.length > 6;
    if (wrap) {
      b.add("\n$>$>");
    }
    for (int k = 0; k < values.length; k++) {
      if (k > 0) {
        b.add(k % 6 == 0 ? ",\n" : ", ");
      }
      b.add("$L", literal(values[k]));
    }
    if (wrap) {
      b.add("$<$<\n");
    }
    return b.add("}").build();
  }

  private String literal(double v) {
    return isFloat ? JavaText.floatLiteral((float) v) : JavaText.doubleLiteral(v);
  }

  /** Adds the decoding of values[start, end); the decoder it calls, or null if all zero. */
  private String addPart(String field, double[] values, int start, int end) {
    boolean allZero = true;
    boolean floatExact = true;
    for (int k = start; k < end; k++) {
      long bits = Double.doubleToRawLongBits(values[k]);
      allZero &= bits == 0L;
      floatExact &= Double.doubleToRawLongBits((float) values[k]) == bits;
    }
    if (allZero) {
      return null;
    }
    boolean asFloats = isFloat || floatExact;
    ByteBuffer bytes =
        ByteBuffer.allocate((end - start) * (asFloats ? Float.BYTES : Double.BYTES))
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int k = start; k < end; k++) {
      if (asFloats) {
        bytes.putFloat((float) values[k]);
      } else {
        bytes.putDouble(values[k]);
      }
    }
    String data = Base64.getEncoder().encodeToString(bytes.array());
    String method;
    if (isFloat || !asFloats) {
      method = DECODE;
      usesFloatBits |= isFloat;
      usesDoubleBits |= !isFloat;
    } else {
      method = DECODE_WIDENED;
      usesFloatBits = true;
    }
    decodeCalls.add(CodeBlock.of("$N($N, $L, $S);\n", method, field, start, data));
    return method;
  }

  /** Adds the static initializer, the {@code data} methods and the decoders that were needed. */
  void finish(TypeSpec.Builder type) {
    if (decodeCalls.isEmpty()) {
      return;
    }
    CodeBlock.Builder staticBlock = CodeBlock.builder();
    for (int start = 0; start < decodeCalls.size(); start += CALLS_PER_METHOD) {
      String method = names.newName("data" + start / CALLS_PER_METHOD);
      MethodSpec.Builder m =
          MethodSpec.methodBuilder(method).addModifiers(Modifier.PRIVATE, Modifier.STATIC);
      for (CodeBlock call :
          decodeCalls.subList(start, Math.min(decodeCalls.size(), start + CALLS_PER_METHOD))) {
        m.addCode(call);
      }
      type.addMethod(m.build());
      staticBlock.addStatement("$N()", method);
    }
    type.addStaticBlock(staticBlock.build());
    TypeName bytes = TypeName.get(ByteBuffer.class);
    addColumnDecoders(type, bytes);
    if (usesIntBits) {
      type.addMethod(
          MethodSpec.methodBuilder(DECODE)
              .addJavadoc(
                  "Decodes Base64 little-endian int bits into {@code dst} from {@code offset}.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(int[].class, "dst")
              .addParameter(int.class, "offset")
              .addParameter(String.class, "data")
              .addStatement(
                  "$T values = $T.wrap($T.getDecoder().decode(data)).order($T.LITTLE_ENDIAN).asIntBuffer()",
                  java.nio.IntBuffer.class,
                  bytes,
                  Base64.class,
                  ByteOrder.class)
              .addStatement("values.get(dst, offset, values.remaining())")
              .build());
    }
    if (isFloat) {
      type.addMethod(
          MethodSpec.methodBuilder(DECODE)
              .addJavadoc(
                  "Decodes Base64 little-endian float bits into {@code dst} from {@code offset}.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(float[].class, "dst")
              .addParameter(int.class, "offset")
              .addParameter(String.class, "data")
              .addStatement(
                  "$T values = $T.wrap($T.getDecoder().decode(data)).order($T.LITTLE_ENDIAN).asFloatBuffer()",
                  FloatBuffer.class,
                  bytes,
                  Base64.class,
                  ByteOrder.class)
              .addStatement("values.get(dst, offset, values.remaining())")
              .build());
      return;
    }
    if (usesDoubleBits) {
      type.addMethod(
          MethodSpec.methodBuilder(DECODE)
              .addJavadoc(
                  "Decodes Base64 little-endian double bits into {@code dst} from {@code offset}.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(double[].class, "dst")
              .addParameter(int.class, "offset")
              .addParameter(String.class, "data")
              .addStatement(
                  "$T values = $T.wrap($T.getDecoder().decode(data)).order($T.LITTLE_ENDIAN).asDoubleBuffer()",
                  DoubleBuffer.class,
                  bytes,
                  Base64.class,
                  ByteOrder.class)
              .addStatement("values.get(dst, offset, values.remaining())")
              .build());
    }
    if (usesFloatBits) {
      type.addMethod(
          MethodSpec.methodBuilder(DECODE_WIDENED)
              .addJavadoc(
                  "Decodes Base64 little-endian float bits, widened exactly, into {@code dst} from"
                      + " {@code offset}.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(double[].class, "dst")
              .addParameter(int.class, "offset")
              .addParameter(String.class, "data")
              .addStatement(
                  "$T values = $T.wrap($T.getDecoder().decode(data)).order($T.LITTLE_ENDIAN).asFloatBuffer()",
                  FloatBuffer.class,
                  bytes,
                  Base64.class,
                  ByteOrder.class)
              .beginControlFlow("for (int k = 0; values.hasRemaining(); k++)")
              .addStatement("dst[offset + k] = values.get()")
              .endControlFlow()
              .build());
    }
  }

  /**
   * Overloads of the decoders for column arrays ({@link #declareColumns}): value k of the
   * column-major data goes to {@code dst[k / rows][k % rows]}.
   */
  private void addColumnDecoders(TypeSpec.Builder type, TypeName bytes) {
    String[][] variants =
        isFloat
            ? new String[][] {{DECODE, "float", "asFloatBuffer", "FloatBuffer"}}
            : new String[][] {
              {DECODE, "double", "asDoubleBuffer", "DoubleBuffer"},
              {DECODE_WIDENED, "double", "asFloatBuffer", "FloatBuffer"}
            };
    for (String[] v : variants) {
      boolean used = v[0].equals(DECODE) ? columnsDecode : columnsWidened;
      if (!used) {
        continue;
      }
      TypeName buffer =
          v[3].equals("FloatBuffer")
              ? TypeName.get(FloatBuffer.class)
              : TypeName.get(DoubleBuffer.class);
      TypeName element = v[1].equals("float") ? TypeName.FLOAT : TypeName.DOUBLE;
      type.addMethod(
          MethodSpec.methodBuilder(v[0])
              .addJavadoc(
                  "Decodes Base64 little-endian $L bits into the columns {@code dst}, value k of the data"
                      + " going to element {@code offset + k} in column-major order.\n",
                  v[2].equals("asFloatBuffer") ? "float" : "double")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(ArrayTypeName.of(ArrayTypeName.of(element)), "dst")
              .addParameter(int.class, "offset")
              .addParameter(String.class, "data")
              .addStatement(
                  "$T values = $T.wrap($T.getDecoder().decode(data)).order($T.LITTLE_ENDIAN).$L()",
                  buffer,
                  bytes,
                  Base64.class,
                  ByteOrder.class,
                  v[2])
              .addStatement("int rows = dst[0].length")
              .beginControlFlow("for (int k = offset; values.hasRemaining(); k++)")
              .addStatement("dst[k / rows][k % rows] = values.get()")
              .endControlFlow()
              .build());
    }
  }
}
