package dev.rnnc.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.flink.models.Chat;
import dev.rnnc.flink.models.Sensor;
import dev.rnnc.runtime.Evaluator;
import java.time.Duration;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** Building the operator into a job: what a user's mistakes get, and the type of its output. */
class KeyedSessionsTest {

  private static DataStream<Reading> readings() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    return env.fromData(new Reading("a", 0, new double[] {1, 2, 3}));
  }

  @Test
  void theOperatorIsNamedForItsModelAndEmitsKeyedSteps() {
    SingleOutputStreamOperator<KeyedStep<String>> steps =
        RnncStreams.keyed(readings(), Reading::sensor, Sensor::new).vectors(Reading::xyz);
    assertThat(steps.getName()).isEqualTo("rnnc Sensor");
    assertThat(steps.getType()).isEqualTo(KeyedStep.typeInfo(Types.STRING));
  }

  @Test
  void theModelIsCheckedAgainstWhatTheRecordsHoldWhenTheJobIsBuilt() {
    KeyedSessions<Reading, String> sensor =
        RnncStreams.keyed(readings().keyBy(Reading::sensor), Sensor::new);
    assertThat(sensor.model().name()).isEqualTo("Sensor");
    assertThatThrownBy(() -> sensor.text(Reading::sensor))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "text(...) needs a model with exactly one input, a tokens input; Sensor has input x"
                + " (vector of 3)");
    assertThatThrownBy(() -> sensor.tokens(Reading::sensor))
        .hasMessageStartingWith("tokens(...) needs a model with exactly one input, a tokens input");
    KeyedSessions<Reading, String> chat =
        RnncStreams.keyed(readings().keyBy(Reading::sensor), Chat::new);
    assertThatThrownBy(() -> chat.vectors(Reading::xyz))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "vectors(...) needs a model with exactly one input, a vector input; Chat has input"
                + " words (tokens)");
  }

  @Test
  void aFactoryMustMakeANewEvaluatorPerCall() {
    Evaluator shared = new Sensor();
    assertThatThrownBy(() -> RnncStreams.keyed(readings(), Reading::sensor, () -> shared))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the evaluator factory returned the same Sensor twice; it must make a new one per call"
                + " (e.g. Sensor::new): each parallel task drives its own");
    assertThatThrownBy(() -> RnncStreams.keyed(readings(), Reading::sensor, () -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the evaluator factory returned null");
  }

  @Test
  void aStateTtlIsAtLeastAMillisecond() {
    KeyedSessions<Reading, String> sensor =
        RnncStreams.keyed(readings(), Reading::sensor, Sensor::new);
    assertThatThrownBy(() -> sensor.withStateTtl(Duration.ofNanos(999_999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state TTL must be at least 1 ms, got PT0.000999999S");
    assertThat(sensor.withStateTtl(Duration.ofHours(1))).isNotSameAs(sensor);
  }

  @Test
  void stepsAreAPojoTypeAndSurviveSerialization() throws Exception {
    TypeInformation<KeyedStep<Long>> type = KeyedStep.typeInfo(Types.LONG);
    assertThat(type).isInstanceOf(PojoTypeInfo.class);
    TypeSerializer<KeyedStep<Long>> serializer = type.createSerializer(new SerializerConfigImpl());
    double nan = Double.longBitsToDouble(0x7ff8dead0000beefL);
    KeyedStep<Long> step = new KeyedStep<>(42L, 7, 15, new double[] {-0.0, 1e-310, nan});
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(step, out);
    KeyedStep<Long> back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back).isEqualTo(step).hasSameHashCodeAs(step);
    assertThat(Double.doubleToRawLongBits(back.outputs()[0])).isEqualTo(1L << 63);
    assertThat(back.outputs()[1]).isEqualTo(1e-310);
    // Flink's double[] serializer writes a NaN as the canonical NaN: the payload is not kept.
    assertThat(Double.doubleToRawLongBits(back.outputs()[2]))
        .isEqualTo(Double.doubleToLongBits(Double.NaN));
    assertThat(serializer.copy(step)).isEqualTo(step);
  }
}
