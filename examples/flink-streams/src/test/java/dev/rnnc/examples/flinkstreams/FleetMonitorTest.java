package dev.rnnc.examples.flinkstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.runtime.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet job on a MiniCluster finds exactly the alerts of one {@link Session} per machine run in
 * a plain loop, and those alerts are the simulated faults.
 */
class FleetMonitorTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** The alerts of one session per machine, machine by machine, in a plain loop. */
  static List<Alert> alertsOfOneSessionPerMachine(Fleet fleet) {
    List<Alert> alerts = new ArrayList<>();
    for (int m = 0; m < fleet.machines(); m++) {
      Session session = new Session(new MachineHealth());
      List<String> columns = session.info().outputNames();
      for (long seq = 0; seq < fleet.readings(); seq++) {
        double[] out = session.pushVector(fleet.reading(m, seq).values());
        if (out != null && out[columns.indexOf("onset")] > 0) {
          alerts.add(
              new Alert(
                  Fleet.name(m),
                  seq,
                  session.steps() - 1,
                  out[columns.indexOf("heat")],
                  out[columns.indexOf("shake")]));
        }
      }
    }
    return alerts;
  }

  @Test
  void theJobFindsWhatOneSessionPerMachineFinds() throws Exception {
    Fleet fleet = new Fleet(1_000, 400);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(200);
    List<Alert> got = new ArrayList<>();
    try (CloseableIterator<Alert> alerts =
        FleetMonitor.alerts(FleetMonitor.readings(env, fleet, 0)).executeAndCollect()) {
      alerts.forEachRemaining(got::add);
    }
    got.sort(Comparator.comparing(Alert::machine).thenComparingLong(Alert::reading));

    assertThat(got).isNotEmpty().isEqualTo(alertsOfOneSessionPerMachine(fleet));
  }

  @Test
  void everyFaultIsFoundOnceAfterItStartsAndNothingElse() {
    Fleet fleet = new Fleet(2_000, 600);
    List<Alert> alerts = alertsOfOneSessionPerMachine(fleet);
    List<String> faulty = new ArrayList<>();
    for (int m = 0; m < fleet.machines(); m++) {
      if (fleet.faultStart(m) >= 0) {
        faulty.add(Fleet.name(m));
      }
    }
    assertThat(faulty).hasSizeBetween(60, 100); // one in 25
    assertThat(alerts).extracting(Alert::machine).containsExactlyElementsOf(faulty);
    for (Alert alert : alerts) {
      long start = fleet.faultStart(Integer.parseInt(alert.machine().substring(2)));
      assertThat(alert.reading()).as(alert.toString()).isBetween(start, start + 300);
    }
  }

  @Test
  void theCommandLinePrintsTheSortedAlertsAndASummary() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        FleetMonitor.run(
            new String[] {"--machines", "300", "--readings", "300", "--checkpoint-interval", "200"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isZero();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    List<String> expected = new ArrayList<>();
    expected.add(
        "fleet: 300 machines x 300 readings (90,000 in all), parallelism 2, a checkpoint every 200"
            + " ms");
    alertsOfOneSessionPerMachine(new Fleet(300, 300)).forEach(a -> expected.add(a.toString()));
    assertThat(lines.subList(0, lines.size() - 1)).isEqualTo(expected);
    assertThat(lines.get(lines.size() - 1))
        .matches((expected.size() - 1) + " alerts; 90,000 readings in [0-9.]+ s");
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"--machines"},
            new String[] {"--machines", "-3"},
            new String[] {"--fleet", "3"},
            new String[] {"--readings", "many"})) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          FleetMonitor.run(
              args,
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).endsWith(FleetMonitor.USAGE + "\n");
    }
  }
}
