package dev.rnnc.flink;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One step of one key's stream: the outputs a {@link dev.rnnc.runtime.Session} of that key's stream
 * returns when a step ends.
 *
 * <p>{@code index} and {@code element} count from 0 from the start of the key's stream and are the
 * same numbers a single {@code Session} fed the same elements reports ({@link
 * dev.rnnc.runtime.Session.Step}), however the job was stopped, restored or rescaled in between, so
 * {@code (key, index)} identifies a step: a sink can use it to find or drop a replayed step.
 *
 * @param key the stream's key
 * @param index the step's index in the key's stream (the {@code step} column of {@code rnnc run})
 * @param element the index in the key's stream of the element that ended the step
 * @param outputs the step's outputs, columns as the model's {@code ModelInfo.outputNames()}; a new
 *     array per step
 * @param <K> the key type
 */
public record KeyedStep<K>(K key, long index, long element, double[] outputs) {

  public KeyedStep {
    Objects.requireNonNull(outputs, "outputs");
  }

  /**
   * Flink's type information for steps with keys of {@code keyType}: a POJO type whose fields are
   * the key, two longs and a {@code double[]}, so steps travel between tasks without Kryo. Flink's
   * {@code double[]} serializer keeps every bit of the outputs except a NaN's payload: every NaN
   * arrives as the canonical NaN.
   */
  public static <K> TypeInformation<KeyedStep<K>> typeInfo(TypeInformation<K> keyType) {
    Objects.requireNonNull(keyType, "keyType");
    @SuppressWarnings("unchecked")
    Class<KeyedStep<K>> type = (Class<KeyedStep<K>>) (Class<?>) KeyedStep.class;
    return Types.POJO(
        type,
        Map.of(
            "key",
            keyType,
            "index",
            Types.LONG,
            "element",
            Types.LONG,
            "outputs",
            PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
  }

  /**
   * Equal when key, index and element are equal and the outputs are equal as {@link
   * Arrays#equals(double[], double[])} says: bit for bit, except that every NaN equals every NaN.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof KeyedStep<?> s
        && Objects.equals(key, s.key)
        && index == s.index
        && element == s.element
        && Arrays.equals(outputs, s.outputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, index, element, Arrays.hashCode(outputs));
  }

  @Override
  public String toString() {
    return "KeyedStep[key="
        + key
        + ", index="
        + index
        + ", element="
        + element
        + ", outputs="
        + Arrays.toString(outputs)
        + "]";
  }
}
