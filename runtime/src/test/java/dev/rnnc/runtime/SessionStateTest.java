package dev.rnnc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The versioned byte form of a session checkpoint, and every way bytes can be wrong. */
class SessionStateTest {

  private static final TokenInput WORDS = SessionTest.WORDS;
  private static final VectorInput X = SessionTest.X;
  private static final Window WINDOW = new Window(4, 3, true);

  private static Session session(String name, Window window, InputDef... inputs) {
    return new Session(new SessionTest.Accumulator(name, List.of(inputs), window));
  }

  private static List<Object[]> elements(int n) {
    List<Object[]> rows = new ArrayList<>();
    String[] words = {"not", "good", "Bad", "é", "good"};
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {new double[] {i * 0.25, -i}, words[i % words.length]});
    }
    return rows;
  }

  @Test
  void bytesRoundTripMidWindowAndContinueBitForBit() {
    List<Object[]> rows = elements(13);
    for (int cut = 0; cut <= rows.size(); cut++) {
      Session uninterrupted = session("M", WINDOW, X, WORDS);
      List<double[]> expected = new ArrayList<>();
      for (Object[] row : rows) {
        double[] out = uninterrupted.push(row);
        if (out != null) {
          expected.add(out);
        }
      }
      Session first = session("M", WINDOW, X, WORDS);
      List<double[]> got = new ArrayList<>();
      for (Object[] row : rows.subList(0, cut)) {
        double[] out = first.push(row);
        if (out != null) {
          got.add(out);
        }
      }
      byte[] bytes = first.save().toBytes();
      Session second = session("M", WINDOW, X, WORDS);
      SessionState read = SessionState.fromBytes(bytes, second.info());
      assertThat(read).isEqualTo(first.save());
      assertThat(read.toBytes()).isEqualTo(bytes);
      second.restore(read);
      for (Object[] row : rows.subList(cut, rows.size())) {
        double[] out = second.push(row);
        if (out != null) {
          got.add(out);
        }
      }
      assertThat(got).hasSameSizeAs(expected);
      for (int k = 0; k < got.size(); k++) {
        assertThat(Arrays.equals(got.get(k), expected.get(k)))
            .as("cut " + cut + ", step " + k)
            .isTrue();
      }
    }
  }

  @Test
  void bytesAreDeterministicAndStartWithTheHeader() {
    Session a = session("M", WINDOW, X, WORDS);
    Session b = session("M", WINDOW, X, WORDS);
    for (Object[] row : elements(5)) {
      a.push(row);
      b.push(row);
    }
    byte[] bytes = a.save().toBytes();
    assertThat(b.save().toBytes()).isEqualTo(bytes);
    ByteBuffer head = ByteBuffer.wrap(bytes);
    assertThat(head.getInt()).isEqualTo(0x524E4E53);
    assertThat(head.getInt()).isEqualTo(SessionState.FORMAT_VERSION);
  }

  private static byte[] saved() {
    Session s = session("M", WINDOW, X, WORDS);
    for (Object[] row : elements(6)) {
      s.push(row);
    }
    return s.save().toBytes();
  }

  @Test
  void bytesFromAnotherModelAreRejected() {
    byte[] bytes = saved();
    assertThatThrownBy(
            () -> SessionState.fromBytes(bytes, session("Other", WINDOW, X, WORDS).info()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state was saved by model 'M', not by 'Other'");
    assertThatThrownBy(
            () ->
                SessionState.fromBytes(
                    bytes, session("M", new Window(5, 3, true), X, WORDS).info()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "state was saved by another version of model 'M' (its inputs, outputs, precision or state differ)");
  }

  @Test
  void bytesOfAModelWithAnotherStateSizeNameBothSizes() {
    byte[] bytes = saved();
    ModelInfo saver = session("M", WINDOW, X, WORDS).info();
    ModelInfo bigger =
        new ModelInfo(
            "M",
            saver.inputs(),
            saver.window(),
            saver.outputNames(),
            saver.order(),
            saver.backwardEdges(),
            3,
            saver.precision());
    assertThatThrownBy(() -> SessionState.fromBytes(bytes, bigger))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "state was saved by another version of model 'M': its state has 1 value, this model's has 3");
  }

  @Test
  void aSessionRestoresBytesInPlaceAsFromBytesDoes() {
    List<Object[]> rows = elements(11);
    for (int cut = 0; cut <= rows.size(); cut++) {
      Session first = session("M", WINDOW, X, WORDS);
      rows.subList(0, cut).forEach(first::push);
      byte[] bytes = first.save().toBytes();

      Session viaState = session("M", WINDOW, X, WORDS);
      viaState.restore(SessionState.fromBytes(bytes, viaState.info()));
      Session viaBytes = session("M", WINDOW, X, WORDS);
      viaBytes.push(rows.get(0)); // restoring replaces whatever the session held
      viaBytes.restore(bytes);

      assertThat(viaBytes.save()).as("cut " + cut).isEqualTo(viaState.save());
      for (Object[] row : rows.subList(cut, rows.size())) {
        assertThat(viaBytes.push(row)).as("cut " + cut).isEqualTo(viaState.push(row));
      }
    }
  }

  @Test
  void badBytesLeaveTheSessionUnchanged() {
    byte[] bytes = saved();
    Session s = session("M", WINDOW, X, WORDS);
    elements(2).forEach(s::push);
    SessionState before = s.save();

    assertThatThrownBy(() -> s.restore(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
    ByteBuffer.wrap(bytes).putInt(4, 2);
    assertThatThrownBy(() -> s.restore(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported session state format version 2; this runtime reads version 1");

    assertThat(s.save()).isEqualTo(before);
    assertThatThrownBy(() -> session("Other", WINDOW, X, WORDS).restore(saved()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state was saved by model 'M', not by 'Other'");
  }

  @Test
  void truncatedTrailingAndForeignBytesAreRejected() {
    byte[] bytes = saved();
    ModelInfo info = session("M", WINDOW, X, WORDS).info();
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> SessionState.fromBytes(cut, info))
          .as("length " + length)
          .isInstanceOf(IllegalArgumentException.class)
          .message()
          .satisfiesAnyOf(
              m -> assertThat(m).contains("truncated"),
              m -> assertThat(m).isEqualTo("not an rnnc session state (no RNNS header)"));
    }
    assertThatThrownBy(() -> SessionState.fromBytes(Arrays.copyOf(bytes, bytes.length + 3), info))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("session state has 3 bytes after its end");
    assertThatThrownBy(() -> SessionState.fromBytes("PK\u0003\u0004 a zip file".getBytes(), info))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an rnnc session state (no RNNS header)");
  }

  @Test
  void anotherFormatVersionIsNamed() {
    byte[] bytes = saved();
    ByteBuffer.wrap(bytes).putInt(4, 7);
    assertThatThrownBy(() -> SessionState.fromBytes(bytes, session("M", WINDOW, X, WORDS).info()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported session state format version 7; this runtime reads version 1");
  }

  @Test
  void aHugeCountIsRejectedBeforeAllocating() {
    byte[] bytes = saved();
    // The evaluator state's count follows magic, version, name (4 + 1), fingerprint, steps,
    // elements and window size.
    int at = 4 + 4 + 4 + 1 + 8 + 8 + 8 + 4;
    ByteBuffer.wrap(bytes).putInt(at, Integer.MAX_VALUE);
    assertThatThrownBy(() -> SessionState.fromBytes(bytes, session("M", WINDOW, X, WORDS).info()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a count of 2147483647 items at byte " + at);
  }
}
