package dev.rnnc.compiler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a schedule computes once for every later phase, and the invariants it checks. */
class ScheduleTest {

  /** a -> b -> c, c -> b (auto), b -> a (delay 2), x[1] -> c (delay 3), group g of 2 fed by c. */
  private static Graph graph() {
    return GraphBuilder.neurons("a", "b", "c")
        .group("g", 2)
        .auto("a", "b")
        .auto("b", "c")
        .auto("c", "b")
        .delayed("b", "a", 2)
        .inputEdge(1, "c", 3)
        .auto("c", "g")
        .build();
  }

  @Test
  void effectiveDelaysFollowTheOrder() {
    Schedule s = new Schedule(graph(), List.of(0, 1, 2, 3), false, Schedule.Method.EXPLICIT);
    assertThat(s.effectiveDelays()).containsExactly(0, 0, 1, 2, 3, 0);
    assertThat(s.backwardEdges()).extracting(Edge::index).containsExactly(2);
    assertThat(s.position(2)).isEqualTo(2);
    assertThat(s.method().label()).isEqualTo("explicit");
  }

  @Test
  void incomingEdgesAreInDeclarationOrder() {
    Schedule s = new Schedule(graph(), List.of(0, 1, 2, 3), false, Schedule.Method.EXPLICIT);
    assertThat(s.incoming(1)).extracting(Edge::index).containsExactly(0, 2);
    assertThat(s.incoming(2)).extracting(Edge::index).containsExactly(1, 4);
    assertThat(s.incoming(3)).extracting(Edge::index).containsExactly(5);
    assertThatThrownBy(() -> s.incoming(1).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void stateLayoutPutsNodesThenInputsEachNewestFirst() {
    Schedule s = new Schedule(graph(), List.of(0, 1, 2, 3), false, Schedule.Method.EXPLICIT);
    StateLayout layout = s.layout();
    // b is read 2 steps back, c 1 step back; input x (2 features) 3 steps back.
    assertThat(layout.nodeHistory(0)).isZero();
    assertThat(layout.nodeHistory(1)).isEqualTo(2);
    assertThat(layout.nodeHistory(2)).isEqualTo(1);
    assertThat(layout.inputHistory(0)).isEqualTo(3);
    assertThat(layout.nodeBase(0)).isEqualTo(-1);
    assertThat(layout.nodeBase(1)).isZero();
    assertThat(layout.nodeBase(2)).isEqualTo(2);
    assertThat(layout.inputBase(0)).isEqualTo(3);
    assertThat(layout.nodeIndex(1, 2, 0)).isEqualTo(1);
    assertThat(layout.inputIndex(0, 3, 1)).isEqualTo(3 + 2 * 2 + 1);
    assertThat(layout.size()).isEqualTo(2 + 1 + 3 * 2).isEqualTo(s.stateSize());
    assertThat(s.modelInfo().stateSize()).isEqualTo(layout.size());
  }

  @Test
  void rejectsOrdersThatAreNotPermutations() {
    Graph g = graph();
    assertThatThrownBy(() -> new Schedule(g, List.of(0, 1, 2), false, Schedule.Method.EXPLICIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every node once");
    assertThatThrownBy(() -> new Schedule(g, List.of(0, 1, 1, 3), false, Schedule.Method.EXPLICIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("permutation");
  }

  @Test
  void rejectsSameStepEdgesPointingBackward() {
    Graph g = GraphBuilder.neurons("a", "b").zero("a", "b").build();
    assertThat(new Schedule(g, List.of(0, 1), true, Schedule.Method.ACYCLIC).effectiveDelays())
        .containsExactly(0);
    assertThatThrownBy(() -> new Schedule(g, List.of(1, 0), false, Schedule.Method.EXPLICIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("edge 0 has delay 0 but does not point forward");
  }

  @Test
  void rejectsPortsOutsideTheirNode() {
    Graph g = GraphBuilder.neurons("a", "b").elementEdge("a", 3, "b", Delay.AUTO).build();
    assertThatThrownBy(() -> new Schedule(g, List.of(0, 1), false, Schedule.Method.EXPLICIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("of edge 0 is out of range");
  }
}
