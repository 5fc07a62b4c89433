package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/** Every encoding of constant arrays decodes to exactly the values written. */
class ConstantArraysTest {

  @Test
  void decodesEveryEncodingBitForBit() throws Exception {
    Random rnd = new Random(61L);
    double[] small = {0.1, -0.0, 1e-300, -7.5, Double.MIN_VALUE, Double.MAX_VALUE};
    double[] doubles = new double[20_000];
    double[] floatExact = new double[15_000];
    double[] sparse = new double[30_000];
    for (int i = 0; i < doubles.length; i++) {
      doubles[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10);
    }
    for (int i = 0; i < floatExact.length; i++) {
      floatExact[i] = (float) rnd.nextGaussian();
    }
    // Long zero runs (whole parts are not stored) and one part holding -0.0 (which must be).
    sparse[7] = 1.5;
    sparse[29_999] = -2.25;
    sparse[15_000] = -0.0;
    // One part of float-exact values inside an otherwise double array.
    double[] mixed = doubles.clone();
    for (int i = 6_000; i < 12_000; i++) {
      mixed[i] = (float) mixed[i];
    }
    for (boolean isFloat : new boolean[] {false, true}) {
      if (isFloat) {
        small[5] = Float.MAX_VALUE;
      }
      Map<String, double[]> arrays =
          Map.of(
              "SMALL",
              small,
              "DOUBLES",
              doubles,
              "FLOAT_EXACT",
              floatExact,
              "SPARSE",
              sparse,
              "MIXED",
              mixed);
      String name = isFloat ? "FloatArrays" : "DoubleArrays";
      NameAllocator names = new NameAllocator();
      names.newName(ConstantArrays.DECODE, ConstantArrays.DECODE);
      names.newName(ConstantArrays.DECODE_WIDENED, ConstantArrays.DECODE_WIDENED);
      ConstantArrays writer = new ConstantArrays(isFloat, names);
      TypeSpec.Builder type =
          TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
      for (String field : List.of("SMALL", "DOUBLES", "FLOAT_EXACT", "SPARSE", "MIXED")) {
        type.addField(writer.declare(field, arrays.get(field)));
        type.addMethod(
            MethodSpec.methodBuilder(field.toLowerCase(java.util.Locale.ROOT))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(writer.arrayType())
                .addStatement("return $N.clone()", field)
                .build());
      }
      writer.finish(type);
      JavaFile file = JavaFile.builder("gen.arrays", type.build()).build();
      String source = file.toString();
      assertThat(source).contains("decode(");
      if (!isFloat) {
        assertThat(source).contains("decodeWidened(");
      }
      Class<?> c = new InMemoryCompiler(InMemoryCompiler.STRICT).load(List.of(file)).get(0);
      for (Map.Entry<String, double[]> e : arrays.entrySet()) {
        Method m = c.getMethod(e.getKey().toLowerCase(java.util.Locale.ROOT));
        Object value = m.invoke(null);
        double[] expected = e.getValue();
        if (isFloat) {
          float[] actual = (float[]) value;
          assertThat(actual).hasSize(expected.length);
          for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToRawIntBits(actual[i]))
                .as(e.getKey() + "[" + i + "]")
                .isEqualTo(Float.floatToRawIntBits((float) expected[i]));
          }
        } else {
          double[] actual = (double[]) value;
          assertThat(actual).hasSize(expected.length);
          for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i]))
                .as(e.getKey() + "[" + i + "]")
                .isEqualTo(Double.doubleToRawLongBits(expected[i]));
          }
        }
      }
    }
  }

  @Test
  void refusesNonFiniteValues() {
    ConstantArrays writer = new ConstantArrays(false, new NameAllocator());
    assertThatThrownBy(() -> writer.declare("X", new double[] {1.0, Double.NaN}))
        .isInstanceOf(IllegalStateException.class);
    ConstantArrays floats = new ConstantArrays(true, new NameAllocator());
    assertThatThrownBy(() -> floats.declare("X", new double[] {1e300}))
        .isInstanceOf(IllegalStateException.class);
  }
}
