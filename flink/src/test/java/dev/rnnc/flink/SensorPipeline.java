package dev.rnnc.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job of the MiniCluster tests: readings of many sensors from a checkpointed source, the {@code
 * Sensor} model per sensor, and the steps into an {@link ExactlyOnceFileSink}; and the check that
 * the committed steps of every sensor are exactly those of a single {@code Session}.
 *
 * <p>The source is one ordered partition (parallelism 1), as records of one key come from one
 * partition of a real source; it lets {@code perCheckpoint} readings through per checkpoint, so
 * that checkpoints, failures and savepoints fall in the middle of the stream whatever the speed of
 * the machine.
 */
final class SensorPipeline {

  private SensorPipeline() {}

  /** Adds the job to {@code env}; {@code failAfter > 0} makes it fail once, as described below. */
  static void build(
      StreamExecutionEnvironment env,
      Readings readings,
      int perCheckpoint,
      EvaluatorFactory model,
      int parallelism,
      Path out,
      int failAfter) {
    DataStream<Reading> source =
        env.fromSource(
                new DataGeneratorSource<>(
                    readings::reading,
                    readings.count(),
                    RateLimiterStrategy.perCheckpoint(perCheckpoint),
                    TypeInformation.of(Reading.class)),
                WatermarkStrategy.noWatermarks(),
                "readings")
            .setParallelism(1)
            .uid("readings");
    DataStream<KeyedStep<String>> steps =
        RnncStreams.keyed(source, Reading::sensor, model)
            .vectors(Reading::xyz)
            .setParallelism(parallelism)
            .uid("sensor-model");
    if (failAfter > 0) {
      steps =
          steps
              .map(new FailOnce<>(failAfter))
              .returns(steps.getType())
              .setParallelism(parallelism)
              .uid("fail-once");
    }
    steps.sinkTo(new ExactlyOnceFileSink(out)).setParallelism(parallelism).uid("steps");
  }

  /**
   * Throws once, in the first attempt, at the first step it sees after {@code checkpoints}
   * checkpoints completed: the job then fails in the middle of the stream, in the task that runs
   * the model, after some steps were committed.
   */
  static final class FailOnce<T> extends RichMapFunction<T, T> implements CheckpointListener {

    private final int checkpoints;
    private transient int completed;
    private transient boolean firstAttempt;

    FailOnce(int checkpoints) {
      this.checkpoints = checkpoints;
    }

    @Override
    public void open(OpenContext context) {
      firstAttempt = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public T map(T value) {
      if (firstAttempt && completed >= checkpoints) {
        throw new IllegalStateException("failing on purpose after " + completed + " checkpoints");
      }
      return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      completed++;
    }
  }

  /**
   * Asserts that {@code out} has committed, for every sensor, exactly the steps one {@code Session}
   * of {@code model} makes of its stream: none missing, none twice, every output bit equal.
   */
  static void assertEverySensorExactlyOnce(Path out, Readings readings, EvaluatorFactory model)
      throws IOException {
    Map<String, List<KeyedStep<String>>> committed = ExactlyOnceFileSink.read(out);
    List<String> wrong = new ArrayList<>();
    long steps = 0;
    for (int s = 0; s < readings.sensors(); s++) {
      String key = Readings.name(s);
      List<KeyedStep<String>> expected = readings.expected(s, model);
      List<KeyedStep<String>> got =
          committed.getOrDefault(key, List.of()).stream()
              .sorted(Comparator.comparingLong(KeyedStep::index))
              .toList();
      steps += got.size();
      if (!got.equals(expected)) {
        wrong.add(key + ": " + got.size() + " steps committed, " + expected.size() + " expected");
      }
    }
    assertThat(committed).hasSize(readings.sensors());
    assertThat(wrong).as("sensors whose committed steps are not their Session's").isEmpty();
    assertThat(steps).isPositive();
  }
}
