package dev.rnnc.benchmarks;

import dev.rnnc.examples.flinkstreams.Fleet;
import dev.rnnc.examples.flinkstreams.MachineHealth;
import dev.rnnc.examples.flinkstreams.Reading;
import dev.rnnc.flink.RnncStreams;
import dev.rnnc.runtime.Session;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * State bytes per key of {@link FlinkBenchmark}'s job: the size of one machine's checkpoint bytes
 * (its session's {@code SessionState.toBytes()}, what the keyed state holds) as its window fills,
 * and the keyed operator's share of a real checkpoint of the job divided by the number of keys
 * (what Flink stores per key: the key, the bytes and its own framing).
 *
 * <p>Prints {@code name=value} lines for {@code benchmarks/flink.sh}.
 */
public final class FlinkStateSize {

  private FlinkStateSize() {}

  public static void main(String[] args) throws Exception {
    Fleet fleet = new Fleet(FlinkBenchmark.MACHINES, FlinkBenchmark.READINGS);
    Session session = new Session(new MachineHealth());
    int empty = session.save().toBytes().length;
    int full = empty;
    for (long seq = 0; seq < fleet.readings(); seq++) {
      session.pushVector(fleet.reading(0, seq).values());
      full = Math.max(full, session.save().toBytes().length);
    }
    System.out.println("machine_id=" + Fleet.name(0));
    System.out.println("state_size=" + session.info().stateSize());
    System.out.println("window_size=" + session.info().window().size());
    System.out.println("bytes_new_key=" + empty);
    System.out.println("bytes_full_window=" + full);
    System.out.println("checkpoint_bytes_per_key=" + checkpointBytesPerKey(fleet));
  }

  /** The keyed operator's largest checkpoint in a run of the job, divided by the machines. */
  private static String checkpointBytesPerKey(Fleet fleet) throws Exception {
    try (MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(2)
                .build())) {
      cluster.start();
      StreamExecutionEnvironment env = new TestStreamEnvironment(cluster, 2);
      env.enableCheckpointing(200);
      // A quarter of the readings per checkpoint: checkpoints fall mid-stream, every key present.
      RnncStreams.keyed(
              env.fromSource(
                      new DataGeneratorSource<>(
                          fleet::reading,
                          fleet.size(),
                          RateLimiterStrategy.perCheckpoint((int) (fleet.size() / 4)),
                          TypeInformation.of(Reading.class)),
                      WatermarkStrategy.noWatermarks(),
                      "fleet readings")
                  .setParallelism(1),
              Reading::machine,
              MachineHealth::new)
          .vectors(Reading::values)
          .sinkTo(new DiscardingSink<>());
      JobID job = env.execute("fleet").getJobID();
      AccessExecutionGraph graph = cluster.getArchivedExecutionGraph(job).get();
      JobVertexID model = null;
      for (Map.Entry<JobVertexID, ? extends AccessExecutionJobVertex> v :
          graph.getAllVertices().entrySet()) {
        if (v.getValue().getName().contains("rnnc MachineHealth")) {
          model = v.getKey();
        }
      }
      long largest = 0;
      for (AbstractCheckpointStats c :
          graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints()) {
        TaskStateStats stats = c.getTaskStateStats(model);
        if (c.getStatus() == CheckpointStatsStatus.COMPLETED && stats != null) {
          largest = Math.max(largest, stats.getStateSize());
        }
      }
      return String.format(Locale.ROOT, "%.1f", largest / (double) fleet.machines());
    }
  }
}
