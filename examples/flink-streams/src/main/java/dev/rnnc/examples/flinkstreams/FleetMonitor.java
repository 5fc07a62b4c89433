package dev.rnnc.examples.flinkstreams;

import dev.rnnc.flink.KeyedSessions;
import dev.rnnc.flink.KeyedStep;
import dev.rnnc.flink.RnncStreams;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * A Flink job that watches a fleet of machines: every machine's readings go through its own {@link
 * MachineHealth} session, kept in Flink keyed state, and the job reports each machine whose fault
 * latch turns on.
 *
 * <p>Usage: {@code FleetMonitor [--machines N] [--readings N] [--parallelism N]
 * [--checkpoint-interval MS] [--readings-per-second N]}. Run from the command line (or {@code mvn
 * exec:java}) it starts an embedded Flink MiniCluster; submitted with {@code flink run} it runs on
 * that cluster. The alerts are collected by the client, sorted and printed.
 */
public final class FleetMonitor {

  static final String USAGE =
      "usage: FleetMonitor [--machines N] [--readings N] [--parallelism N]"
          + " [--checkpoint-interval MS] [--readings-per-second N]";

  private FleetMonitor() {}

  /**
   * The alerts of a stream of readings: each machine's readings through its own session of the
   * model, and a step whose {@code onset} output fired as an {@link Alert}.
   */
  public static DataStream<Alert> alerts(DataStream<Reading> readings) {
    KeyedSessions<Reading, String> machines =
        RnncStreams.keyed(readings, Reading::machine, MachineHealth::new);
    List<String> columns = machines.model().outputNames();
    int onset = columns.indexOf("onset");
    int heat = columns.indexOf("heat");
    int shake = columns.indexOf("shake");
    DataStream<KeyedStep<String>> steps =
        machines.vectors(Reading::values).uid("machine-health").name("machine health");
    return steps
        .filter(step -> step.outputs()[onset] > 0)
        .name("onsets")
        .map(
            step ->
                new Alert(
                    step.key(),
                    step.element(),
                    step.index(),
                    step.outputs()[heat],
                    step.outputs()[shake]))
        .returns(TypeInformation.of(Alert.class))
        .name("alerts");
  }

  /**
   * The fleet's readings from a checkpointed source, {@code perSecond} a second (0: no limit).
   *
   * <p>The source is one ordered partition (parallelism 1): each machine's readings must reach its
   * session in order, as they would from one partition of a message queue keyed by machine. Two
   * source tasks would each read part of every machine's stream, and interleave them.
   */
  public static DataStream<Reading> readings(
      StreamExecutionEnvironment env, Fleet fleet, double perSecond) {
    return env.fromSource(
            new DataGeneratorSource<>(
                fleet::reading,
                fleet.size(),
                perSecond > 0
                    ? RateLimiterStrategy.perSecond(perSecond)
                    : RateLimiterStrategy.noOp(),
                TypeInformation.of(Reading.class)),
            WatermarkStrategy.noWatermarks(),
            "fleet readings")
        .setParallelism(1)
        .uid("fleet-readings");
  }

  /** Settings from the command line. */
  record Settings(
      int machines, int readings, int parallelism, long checkpointInterval, double perSecond) {

    static Settings parse(String[] args) {
      int machines = 2_000;
      int readings = 600;
      int parallelism = 2;
      long checkpointInterval = 1_000;
      double perSecond = 0;
      for (int k = 0; k < args.length; k++) {
        String arg = args[k];
        if (k + 1 >= args.length) {
          throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value" : arg);
        }
        String value = args[++k];
        switch (arg) {
          case "--machines" -> machines = positive(arg, value);
          case "--readings" -> readings = positive(arg, value);
          case "--parallelism" -> parallelism = positive(arg, value);
          case "--checkpoint-interval" -> checkpointInterval = positive(arg, value);
          case "--readings-per-second" -> perSecond = positive(arg, value);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      return new Settings(machines, readings, parallelism, checkpointInterval, perSecond);
    }

    private static int positive(String option, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " needs a whole number > 0, got " + value);
    }
  }

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the job; returns the exit code: 0 ok, 2 usage. */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Fleet fleet = new Fleet(settings.machines(), settings.readings());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(settings.parallelism());
    env.enableCheckpointing(settings.checkpointInterval());
    out.printf(
        Locale.ROOT,
        "fleet: %,d machines x %,d readings (%,d in all), parallelism %d, a checkpoint every %d"
            + " ms%n",
        fleet.machines(),
        fleet.readings(),
        fleet.size(),
        settings.parallelism(),
        settings.checkpointInterval());
    long start = System.nanoTime();
    List<Alert> alerts = new ArrayList<>();
    try (CloseableIterator<Alert> collected =
        alerts(readings(env, fleet, settings.perSecond())).executeAndCollect("fleet monitor")) {
      collected.forEachRemaining(alerts::add);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    alerts.sort(Comparator.comparing(Alert::machine).thenComparingLong(Alert::reading));
    for (Alert alert : alerts) {
      out.println(alert);
    }
    out.printf(
        Locale.ROOT,
        "%d %s; %,d readings in %.1f s%n",
        alerts.size(),
        alerts.size() == 1 ? "alert" : "alerts",
        fleet.size(),
        seconds);
    return 0;
  }
}
