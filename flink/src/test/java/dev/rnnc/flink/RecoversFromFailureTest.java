package dev.rnnc.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.flink.models.Sensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job over 3,000 sensors with checkpoints every 100 ms fails in the middle of the stream, in the
 * task that runs the model, restarts from its last completed checkpoint, and finishes. The steps
 * committed by the exactly-once sink, before and after the failure, are for every sensor exactly
 * what one uninterrupted {@code Session} makes of its stream: nothing lost, nothing twice.
 *
 * <p>Why that proves recovery from the checkpoint: steps committed before the failure are not
 * committed again, so the restarted source resumed where the checkpoint was taken, not from the
 * start; and the steps after it are bit for bit those of an uninterrupted session, so every key's
 * evaluator state, window and counters came back from the checkpoint too.
 */
class RecoversFromFailureTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Readings READINGS = new Readings(3_000, 16);

  @Test
  void aJobThatFailsMidStreamCommitsEveryStepOfEveryKeyExactlyOnce(@TempDir Path out)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.enableCheckpointing(100);
    SensorPipeline.build(env, READINGS, 4_000, Sensor::new, 2, out, 6);

    env.execute("recovers from failure");

    SensorPipeline.assertEverySensorExactlyOnce(out, READINGS, Sensor::new);
    List<String> files =
        ExactlyOnceFileSink.committedFiles(out).stream()
            .map(p -> p.getFileName().toString())
            .toList();
    assertThat(files).as("committed before the failure").anyMatch(f -> f.contains("-a0-"));
    assertThat(files).as("committed after the restart").anyMatch(f -> !f.contains("-a0-"));
  }
}
