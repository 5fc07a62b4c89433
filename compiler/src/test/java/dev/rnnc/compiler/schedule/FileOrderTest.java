package dev.rnnc.compiler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Among equally good orders, the one that follows the file wins, neurons and groups alike. */
class FileOrderTest {

  @TempDir Path dir;

  private static List<String> order(Schedule s) {
    Graph g = s.graph();
    return s.order().stream().map(v -> g.nodes().get(v).name()).toList();
  }

  private static List<String> backward(Schedule s) {
    Graph g = s.graph();
    return s.backwardEdges().stream()
        .map((Edge e) -> g.portName(e.from()) + " -> " + g.portName(e.to()))
        .toList();
  }

  @Test
  void jordanReadsTheCurrentHiddenState() throws SpecException {
    Schedule s = Compiler.load(Path.of("../specs/examples/jordan.yaml")).schedule();
    assertThat(order(s)).containsExactly("h", "out");
    assertThat(backward(s)).containsExactly("out -> h");
    // [out, h] is as good and would make out read h of the previous step: check says so.
    assertThat(s.ties())
        .extracting(e -> s.graph().portName(e.from()) + " -> " + s.graph().portName(e.to()))
        .containsExactly("h -> out");
  }

  @Test
  void noTieWhenTheOtherOrderIsWorse() throws SpecException {
    Schedule s = Compiler.load(Path.of("../specs/examples/order_matters.yaml")).schedule();
    assertThat(s.ties()).isEmpty();
    Schedule elman = Compiler.load(Path.of("../specs/examples/elman.yaml")).schedule();
    assertThat(elman.ties()).isEmpty();
  }

  @Test
  void aDelayZeroEdgeRulesOutTheOtherOrder() throws IOException, SpecException {
    Path spec = dir.resolve("z.yaml");
    Files.writeString(
        spec,
        """
        rnnc: 1
        name: Pinned
        inputs: {x: {type: vector, size: 1}}
        groups: {h: {size: 2, activation: tanh}}
        neurons: {out: {}}
        edges:
          - {from: x, to: h, weights: [[1.0], [0.5]]}
          - {from: h, to: out, weights: [[1.0, -0.5]], delay: 0}
          - {from: out, to: h, weights: [[0.3], [-0.2]]}
        outputs: [out]
        """);
    Schedule s = Compiler.load(spec).schedule();
    assertThat(order(s)).containsExactly("h", "out");
    assertThat(s.ties()).isEmpty();
  }

  @Test
  void neuronsDeclaredFirstComeFirst() throws IOException, SpecException {
    Path spec = dir.resolve("n.yaml");
    Files.writeString(
        spec,
        """
        rnnc: 1
        name: NeuronFirst
        inputs: {x: {type: vector, size: 1}}
        neurons: {out: {}}
        groups: {h: {size: 2, activation: tanh}}
        edges:
          - {from: x, to: h, weights: [[1.0], [0.5]]}
          - {from: h, to: out, weights: [[1.0, -0.5]]}
          - {from: out, to: h, weights: [[0.3], [-0.2]]}
        outputs: [out]
        """);
    Schedule s = Compiler.load(spec).schedule();
    assertThat(order(s)).containsExactly("out", "h");
    assertThat(backward(s)).containsExactly("h -> out");
  }
}
