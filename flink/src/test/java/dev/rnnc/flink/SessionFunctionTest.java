package dev.rnnc.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.flink.models.Chat;
import dev.rnnc.flink.models.Sensor;
import dev.rnnc.runtime.Session;
import dev.rnnc.runtime.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The keyed operator on its own, in Flink's operator test harness: many keys interleaved, a
 * snapshot and restore in the middle of windows, state TTL, and what a state or record that does
 * not fit the model gets.
 */
@SuppressWarnings("try") // the harness's close() may throw InterruptedException
class SessionFunctionTest {

  private static final Readings READINGS = new Readings(7, 23);

  private static KeyedOneInputStreamOperatorTestHarness<String, Reading, KeyedStep<String>> harness(
      EvaluatorFactory model, Duration ttl) throws Exception {
    SessionFunction<String, Reading> function =
        new SessionFunction<>(
            model, new Feed.Vectors<>(Reading::xyz), ttl, KeyedStep.typeInfo(Types.STRING));
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(function), Reading::sensor, Types.STRING);
  }

  private static List<KeyedStep<String>> expectedOf(Predicate<String> keys) {
    List<KeyedStep<String>> all = new ArrayList<>();
    for (int s = 0; s < READINGS.sensors(); s++) {
      all.addAll(READINGS.expected(s, Sensor::new));
    }
    return all.stream().filter(step -> keys.test(step.key())).toList();
  }

  /** The steps of {@code steps} of one key, in order. */
  private static List<KeyedStep<String>> ofKey(List<KeyedStep<String>> steps, String key) {
    return steps.stream().filter(s -> s.key().equals(key)).toList();
  }

  @Test
  void everyKeyGetsTheStepsOfItsOwnSession() throws Exception {
    try (var h = harness(Sensor::new, null)) {
      h.open();
      for (long i = 0; i < READINGS.count(); i++) {
        h.processElement(READINGS.reading(i), i);
      }
      List<KeyedStep<String>> got = h.extractOutputValues();
      assertThat(got).hasSize(expectedOf(k -> true).size());
      for (int s = 0; s < READINGS.sensors(); s++) {
        assertThat(ofKey(got, Readings.name(s))).isEqualTo(READINGS.expected(s, Sensor::new));
      }
    }
  }

  @Test
  void aKeysStateIsItsSessionsCheckpointInByteForm() throws Exception {
    try (var h = harness(Sensor::new, null)) {
      h.open();
      for (long i = 0; i < 5 * READINGS.sensors() + 1; i++) {
        h.processElement(READINGS.reading(i), i);
      }
      Session reference = new Session(new Sensor());
      for (long seq = 0; seq < 6; seq++) {
        reference.pushVector(Readings.xyz(0, seq));
      }
      h.getOperator().setCurrentKey(Readings.name(0));
      byte[] stored =
          h.getOperator()
              .getKeyedStateStore()
              .getState(SessionFunction.stateDescriptor(null))
              .value();
      assertThat(stored).isEqualTo(reference.save().toBytes());
      assertThat(SessionState.fromBytes(stored, reference.info()).elements()).isEqualTo(6);
    }
  }

  @Test
  void aSnapshotInTheMiddleOfWindowsRestoresEveryKeyExactly() throws Exception {
    long cut = 9L * READINGS.sensors() + 3; // some sensors mid-window, some at a step
    List<KeyedStep<String>> got = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var first = harness(Sensor::new, null)) {
      first.open();
      for (long i = 0; i < cut; i++) {
        first.processElement(READINGS.reading(i), i);
      }
      snapshot = first.snapshot(1, cut);
      got.addAll(first.extractOutputValues());
      // What the first operator does after the snapshot is lost, as in a failure.
      first.processElement(READINGS.reading(cut), cut);
    }
    try (var second = harness(Sensor::new, null)) {
      second.initializeState(snapshot);
      second.open();
      for (long i = cut; i < READINGS.count(); i++) {
        second.processElement(READINGS.reading(i), i);
      }
      got.addAll(second.extractOutputValues());
    }
    for (int s = 0; s < READINGS.sensors(); s++) {
      assertThat(ofKey(got, Readings.name(s))).isEqualTo(READINGS.expected(s, Sensor::new));
    }
  }

  @Test
  void aKeyIdleForLongerThanTheTtlStartsANewStream() throws Exception {
    try (var h = harness(Sensor::new, Duration.ofMillis(100))) {
      h.open();
      h.setStateTtlProcessingTime(0);
      Reading a = new Reading("a", 0, Readings.xyz(0, 0));
      Reading b = new Reading("b", 0, Readings.xyz(1, 0));
      for (int k = 0; k < 4; k++) {
        h.processElement(a, k);
      }
      h.setStateTtlProcessingTime(60);
      h.processElement(b, 4); // b's clock starts at 60
      h.setStateTtlProcessingTime(150); // a was last written at 0: expired; b is not
      for (int k = 0; k < 4; k++) {
        h.processElement(a, 5 + k);
        h.processElement(b, 5 + k);
      }
      List<KeyedStep<String>> steps = h.extractOutputValues();
      // a: steps end at elements 3 and 5 of a stream; after expiry a counts from 0 again.
      assertThat(ofKey(steps, "a"))
          .extracting(KeyedStep::index, KeyedStep::element)
          .map(t -> t.toList())
          .containsExactly(List.of(0L, 3L), List.of(0L, 3L));
      // b kept its state: five elements, one step at element 3.
      assertThat(ofKey(steps, "b"))
          .extracting(KeyedStep::index, KeyedStep::element)
          .map(t -> t.toList())
          .containsExactly(List.of(0L, 3L));
    }
  }

  @Test
  void aStateOfAModelWithAnotherStateSizeFailsWithoutRestarts() throws Exception {
    OperatorSubtaskState snapshot;
    try (var v1 = harness(Sensor::new, null)) {
      v1.open();
      for (long i = 0; i < 3L * READINGS.sensors(); i++) {
        v1.processElement(READINGS.reading(i), i);
      }
      snapshot = v1.snapshot(1, 0);
    }
    try (var v2 = harness(dev.rnnc.flink.models.v2.Sensor::new, null)) {
      v2.initializeState(snapshot);
      v2.open();
      assertThatThrownBy(() -> v2.processElement(READINGS.reading(0), 0))
          .isInstanceOf(SuppressRestartsException.class)
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "key sensor-00000: its saved state cannot continue with model Sensor: state was"
                  + " saved by another version of model 'Sensor': its state has 8 values, this"
                  + " model's has 9. A checkpoint or savepoint is restored with the model that"
                  + " took it;");
      assertThat(v2.extractOutputValues()).isEmpty();
    }
  }

  @Test
  void aStateOfAnotherModelNamesBoth() throws Exception {
    OperatorSubtaskState snapshot;
    try (var sensor = harness(Sensor::new, null)) {
      sensor.open();
      sensor.processElement(READINGS.reading(0), 0);
      snapshot = sensor.snapshot(1, 0);
    }
    SessionFunction<String, Reading> chat =
        new SessionFunction<>(
            Chat::new, new Feed.Tokens<>(Reading::sensor), null, KeyedStep.typeInfo(Types.STRING));
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(chat), Reading::sensor, Types.STRING)) {
      h.initializeState(snapshot);
      h.open();
      assertThatThrownBy(() -> h.processElement(READINGS.reading(0), 0))
          .isInstanceOf(SuppressRestartsException.class)
          .cause()
          .hasMessageContaining("state was saved by model 'Sensor', not by 'Chat'");
    }
  }

  @Test
  void aRecordThatDoesNotFitTheInputFailsWithoutRestartsAndNamesItsKey() throws Exception {
    try (var h = harness(Sensor::new, null)) {
      h.open();
      h.processElement(new Reading("s1", 0, new double[] {1, 2, 3}), 0);
      assertThatThrownBy(() -> h.processElement(new Reading("s1", 1, new double[] {1, 2}), 1))
          .isInstanceOf(SuppressRestartsException.class)
          .cause()
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "key s1, element 1 of its stream: the record does not fit model Sensor"
                  + " (vectors(...)): input 'x' needs a double[] of length 3, got length 2");
      assertThatThrownBy(() -> h.processElement(new Reading("s2", 0, null), 2))
          .isInstanceOf(SuppressRestartsException.class)
          .cause()
          .hasMessageEndingWith("input 'x' needs a double[] of length 3, got null");
    }
  }

  @Test
  void anExceptionOfTheUsersFunctionPassesThroughAndAllowsRestarts() throws Exception {
    SessionFunction<String, Reading> function =
        new SessionFunction<>(
            Sensor::new,
            new Feed.Vectors<Reading>(
                r -> {
                  throw new IllegalStateException("no values in " + r.sensor());
                }),
            null,
            KeyedStep.typeInfo(Types.STRING));
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), Reading::sensor, Types.STRING)) {
      h.open();
      assertThatThrownBy(() -> h.processElement(READINGS.reading(0), 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no values in sensor-00000");
    }
  }

  @Test
  void tokenRecordsAndElementRecordsAreOneElementEach() throws Exception {
    String[][] words = {
      {"ann", "Not"}, {"bob", "why"}, {"ann", "good"}, {"ann", "thanks"}, {"bob", "broken"}
    };
    List<SessionFunction<String, String[]>> functions =
        List.of(
            new SessionFunction<>(
                Chat::new, new Feed.Tokens<>(r -> r[1]), null, KeyedStep.typeInfo(Types.STRING)),
            new SessionFunction<>(
                Chat::new,
                new Feed.Elements<>(r -> new Object[] {r[1]}),
                null,
                KeyedStep.typeInfo(Types.STRING)));
    for (SessionFunction<String, String[]> function : functions) {
      try (var h =
          new KeyedOneInputStreamOperatorTestHarness<>(
              new KeyedProcessOperator<>(function), (String[] r) -> r[0], Types.STRING)) {
        h.open();
        long t = 0;
        for (String[] w : words) {
          h.processElement(w, t++);
        }
        List<KeyedStep<String>> got = h.extractOutputValues();
        for (String user : List.of("ann", "bob")) {
          Session session = new Session(new Chat());
          List<KeyedStep<String>> expected = new ArrayList<>();
          for (String[] w : words) {
            if (w[0].equals(user)) {
              double[] out = session.pushToken(w[1]);
              expected.add(new KeyedStep<>(user, session.steps() - 1, session.elements() - 1, out));
            }
          }
          assertThat(ofKey(got, user)).isEqualTo(expected);
        }
        assertThatThrownBy(() -> h.processElement(new String[] {"ann", null}, 9))
            .isInstanceOf(SuppressRestartsException.class)
            .cause()
            .hasMessageStartingWith("key ann, element 3 of its stream: the record does not fit");
      }
    }
  }

  @Test
  void textRecordsContinueTheirKeysStreamOfTokens() throws Exception {
    SessionFunction<String, String[]> function =
        new SessionFunction<>(
            Chat::new, new Feed.Text<>(r -> r[1]), null, KeyedStep.typeInfo(Types.STRING));
    List<String[]> messages =
        List.of(
            new String[] {"ann", "The update is great, thanks"},
            new String[] {"bob", "why is it broken again"},
            new String[] {"ann", "not bad."},
            new String[] {"bob", ""},
            new String[] {"bob", "how do I fix it? Not good"},
            new String[] {"ann", "NOT GOOD at all"});
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), (String[] r) -> r[0], Types.STRING)) {
      h.open();
      long t = 0;
      for (String[] m : messages) {
        h.processElement(m, t++);
      }
      List<KeyedStep<String>> got = h.extractOutputValues();
      for (String user : List.of("ann", "bob")) {
        StringBuilder all = new StringBuilder();
        messages.stream().filter(m -> m[0].equals(user)).forEach(m -> all.append(m[1]).append(' '));
        List<KeyedStep<String>> expected =
            new Session(new Chat())
                .runText(all).stream()
                    .map(s -> new KeyedStep<>(user, s.index(), s.element(), s.outputs()))
                    .toList();
        assertThat(ofKey(got, user)).isEqualTo(expected).isNotEmpty();
      }
    }
  }
}
