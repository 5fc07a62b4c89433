package dev.rnnc.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.flink.models.Sensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job over 2,000 sensors at parallelism 2 is stopped with a savepoint in the middle of the
 * stream. Resumed from it at parallelism 3, each task now holding other keys, it finishes with
 * every sensor's steps exactly those of one uninterrupted {@code Session}. Resumed instead with a
 * new version of the model whose state is one value larger, it fails at once, saying so, and does
 * not restart.
 */
class RescalesFromSavepointTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(3)
              .build());

  private static final Readings READINGS = new Readings(2_000, 16);
  private static final int PER_CHECKPOINT = 2_500;

  private static StreamExecutionEnvironment environment(String savepoint) {
    Configuration conf = new Configuration();
    // Many restarts, far apart: a job that restarted instead of failing would time the test out.
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(10));
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.enableCheckpointing(150);
    return env;
  }

  /**
   * Runs the job at parallelism 2 until some steps are committed, then stops it with a savepoint.
   */
  private static String stopWithSavepointMidStream(Path out, Path savepoints) throws Exception {
    StreamExecutionEnvironment env = environment(null);
    SensorPipeline.build(env, READINGS, PER_CHECKPOINT, Sensor::new, 2, out, 0);
    JobClient job = env.executeAsync("before the savepoint");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (ExactlyOnceFileSink.committedFiles(out).isEmpty()) {
      assertThat(System.nanoTime()).as("steps committed within 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
    String savepoint =
        job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
            .get(60, TimeUnit.SECONDS);
    job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
    return savepoint;
  }

  @Test
  void resumedAtAnotherParallelismEveryKeyContinuesExactly(
      @TempDir Path out, @TempDir Path savepoints, @TempDir Path mismatchOut) throws Exception {
    String savepoint = stopWithSavepointMidStream(out, savepoints);
    int before = ExactlyOnceFileSink.committedFiles(out).size();
    assertThat(ExactlyOnceFileSink.read(out).values().stream().mapToInt(l -> l.size()).sum())
        .as("steps committed before the savepoint")
        .isPositive()
        .isLessThan(READINGS.sensors() * 7);

    // A new version of the model, one more hidden unit: the savepoint's states do not fit.
    StreamExecutionEnvironment v2 = environment(savepoint);
    SensorPipeline.build(
        v2, READINGS, PER_CHECKPOINT, dev.rnnc.flink.models.v2.Sensor::new, 2, mismatchOut, 0);
    long start = System.nanoTime();
    assertThatThrownBy(() -> v2.execute("another model"))
        .hasStackTraceContaining(SuppressRestartsException.class.getName())
        .hasStackTraceContaining(
            ": its saved state cannot continue with model Sensor: state was saved by another"
                + " version of model 'Sensor': its state has 8 values, this model's has 9. A"
                + " checkpoint or savepoint is restored with the model that took it;")
        .rootCause()
        .hasMessage(
            "state was saved by another version of model 'Sensor': its state has 8 values, this"
                + " model's has 9");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("failed without waiting for a restart")
        .isLessThan(Duration.ofSeconds(10));

    // The same model at parallelism 3.
    StreamExecutionEnvironment env = environment(savepoint);
    SensorPipeline.build(env, READINGS, PER_CHECKPOINT, Sensor::new, 3, out, 0);
    env.execute("after the savepoint");

    assertThat(ExactlyOnceFileSink.committedFiles(out)).hasSizeGreaterThan(before);
    SensorPipeline.assertEverySensorExactlyOnce(out, READINGS, Sensor::new);
  }
}
