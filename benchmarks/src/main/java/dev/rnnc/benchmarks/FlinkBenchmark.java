package dev.rnnc.benchmarks;

import dev.rnnc.examples.flinkstreams.Fleet;
import dev.rnnc.examples.flinkstreams.MachineHealth;
import dev.rnnc.examples.flinkstreams.Reading;
import dev.rnnc.flink.RnncStreams;
import dev.rnnc.runtime.Session;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The examples/flink-streams model ({@code MachineHealth}: windows of 10 readings, stride 5, five
 * neurons) over {@value #MACHINES} machines with {@value #READINGS} readings each, interleaved.
 *
 * <ul>
 *   <li>{@code flinkJob}: a Flink job on a MiniCluster, the keyed operator at parallelism 1 and 2:
 *       a checkpointed source (one ordered partition), every machine's session in keyed state,
 *       checkpoints every second, the steps into a discarding sink;
 *   <li>{@code flinkKeyByOnly}: the same job without the model, the readings keyed by machine into
 *       the sink: what Flink costs before any model runs;
 *   <li>{@code sessionLoop}: one thread, readings made beforehand, one live {@link Session} per
 *       machine in a map;
 *   <li>{@code checkpointBytesLoop}: the same loop with every machine's state kept as checkpoint
 *       bytes, restored and saved around each reading: the operator's own work per record, without
 *       Flink.
 * </ul>
 *
 * Each call runs the whole stream; the score is time per reading (records/s = 10^9 / score).
 *
 * <p>Flink is not in {@code benchmarks.jar}: {@code benchmarks/flink.sh} runs this class on the
 * module's class path.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlinkBenchmark {

  /** Machines (keys). */
  public static final int MACHINES = 10_000;

  /** Readings per machine. */
  public static final int READINGS = 200;

  private static final int RECORDS = MACHINES * READINGS;

  /**
   * The fleet, and its readings made once for the loops (the Flink job's source makes them as it
   * goes, on a thread of its own).
   */
  @State(Scope.Benchmark)
  public static class Data {
    final Fleet fleet = new Fleet(MACHINES, READINGS);
    Reading[] readings;

    @Setup(Level.Trial)
    public void make() {
      readings = new Reading[RECORDS];
      for (int i = 0; i < RECORDS; i++) {
        readings[i] = fleet.reading(i);
      }
    }
  }

  /** A MiniCluster with two task slots, started once per trial. */
  @State(Scope.Benchmark)
  public static class Cluster {

    /** Parallelism of the keyed operator (the source is one ordered partition). */
    @Param({"1", "2"})
    public int parallelism;

    MiniCluster cluster;

    @Setup(Level.Trial)
    public void start() throws Exception {
      Configuration conf = new Configuration();
      conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
      cluster =
          new MiniCluster(
              new MiniClusterConfiguration.Builder()
                  .setConfiguration(conf)
                  .setNumTaskManagers(1)
                  .setNumSlotsPerTaskManager(2)
                  .build());
      cluster.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      cluster.close();
    }
  }

  /** The fleet's readings from a checkpointed source, one ordered partition. */
  static DataStream<Reading> readings(StreamExecutionEnvironment env, Fleet fleet) {
    env.enableCheckpointing(1_000);
    return env.fromSource(
            new DataGeneratorSource<>(
                fleet::reading,
                fleet.size(),
                RateLimiterStrategy.noOp(),
                TypeInformation.of(Reading.class)),
            WatermarkStrategy.noWatermarks(),
            "fleet readings")
        .setParallelism(1);
  }

  /** The job: one session per machine in keyed state, its steps into a discarding sink. */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void flinkJob(Data data, Cluster cluster) throws Exception {
    StreamExecutionEnvironment env =
        new TestStreamEnvironment(cluster.cluster, cluster.parallelism);
    RnncStreams.keyed(readings(env, data.fleet), Reading::machine, MachineHealth::new)
        .vectors(Reading::values)
        .setParallelism(cluster.parallelism)
        .sinkTo(new DiscardingSink<>())
        .setParallelism(cluster.parallelism);
    env.execute("fleet");
  }

  /**
   * The same job without the model: the readings keyed by machine into a discarding sink, what
   * Flink costs before any model runs (making, serializing and routing each reading).
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void flinkKeyByOnly(Data data, Cluster cluster) throws Exception {
    StreamExecutionEnvironment env =
        new TestStreamEnvironment(cluster.cluster, cluster.parallelism);
    readings(env, data.fleet)
        .keyBy(Reading::machine)
        .sinkTo(new DiscardingSink<>())
        .setParallelism(cluster.parallelism);
    env.execute("fleet, no model");
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void sessionLoop(Data data, Blackhole out) {
    Map<String, Session> sessions = new HashMap<>();
    double[] outputs = new double[new MachineHealth().info().outputCount()];
    for (Reading r : data.readings) {
      Session s = sessions.computeIfAbsent(r.machine(), k -> new Session(new MachineHealth()));
      if (s.pushVector(r.values(), outputs)) {
        out.consume(outputs);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void checkpointBytesLoop(Data data, Blackhole out) {
    Map<String, byte[]> states = new HashMap<>();
    Session s = new Session(new MachineHealth());
    for (Reading r : data.readings) {
      byte[] saved = states.get(r.machine());
      if (saved == null) {
        s.reset();
      } else {
        s.restore(saved);
      }
      double[] outputs = new double[s.info().outputCount()];
      if (s.pushVector(r.values(), outputs)) {
        out.consume(outputs);
      }
      states.put(r.machine(), s.save().toBytes());
    }
  }
}
