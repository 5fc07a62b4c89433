package dev.rnnc.examples.sensorstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rnnc.runtime.internal.FeaturizerState;
import dev.rnnc.runtime.SessionState;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointsTest {

  private static final SessionState STATE =
      new SessionState(
          new double[] {0.25, -0.0, Double.longBitsToDouble(0x7ff8000000000123L), 1e-300},
          new FeaturizerState(11, 8, new double[] {1.5, -2.5, 3.0}, List.of("not", "bad", "é")),
          1);

  @Test
  void roundTripKeepsEveryBit() {
    SessionState decoded = Checkpoints.decode("M", Checkpoints.encode("M", STATE));

    assertThat(decoded).isEqualTo(STATE);
    // A NaN payload and the sign of zero survive too: raw bits are written, not doubleToLongBits.
    assertThat(Arrays.stream(decoded.evaluatorState()).mapToLong(Double::doubleToRawLongBits))
        .containsExactly(
            Double.doubleToRawLongBits(0.25),
            0x8000000000000000L,
            0x7ff8000000000123L,
            Double.doubleToRawLongBits(1e-300));
    assertThat(decoded.window().tokens()).containsExactly("not", "bad", "é");
  }

  @Test
  void rejectsBytesThatAreNotACheckpointOfTheModel() {
    byte[] good = Checkpoints.encode("ImpactDetector", STATE);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> Checkpoints.decode("Other", good))
        .withMessage("checkpoint is of model ImpactDetector, not Other");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Checkpoints.decode("ImpactDetector", Arrays.copyOf(good, 30)))
        .withMessage("checkpoint is truncated");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> Checkpoints.decode("ImpactDetector", Arrays.copyOf(good, good.length + 1)))
        .withMessage("checkpoint has bytes after its end");
    byte[] bad = good.clone();
    bad[0] = 'X';
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Checkpoints.decode("ImpactDetector", bad))
        .withMessage("not an rnnc session checkpoint");
    byte[] future = good.clone();
    future[7] = 2;
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Checkpoints.decode("ImpactDetector", future))
        .withMessage("checkpoint format 2 is not supported");
  }

  @Test
  void resumingACheckpointThatDoesNotFitTheModelFails() {
    byte[] wrongSize = Checkpoints.encode("ImpactDetector", STATE);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> ImpactMonitor.resume(wrongSize))
        .withMessageContaining("state has 4 evaluator values, model ImpactDetector has 9");
  }
}
