package dev.rnnc.compiler.lower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rnnc.compiler.SpecFiles;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.runtime.ModelInfo.Precision;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphLoweringTest {

  @TempDir Path dir;

  @Test
  void lowersTheDesignExample() {
    Graph g = SpecFiles.graph(SpecFiles.resource("specs/window-sentiment.yaml"));

    assertThat(g.name()).isEqualTo("WindowSentiment");
    assertThat(g.javaPackage()).isEqualTo("com.acme.models");
    assertThat(g.precision()).isEqualTo(Precision.DOUBLE);
    assertThat(g.window()).isEqualTo(new Window(5, 1, false));
    assertThat(g.inputs())
        .containsExactly(
            new VectorInput("x", 3, Reduce.MEAN),
            new TokenInput(
                "words",
                List.of("good", "great", "bad", "not", "not good"),
                List.of(1, 2),
                true,
                "[\\p{L}\\p{N}']+",
                TokenFeatures.PRESENCE));
    assertThat(g.featureCount()).isEqualTo(8);
    assertThat(g.nodes())
        .extracting(Node::index, Node::name, Node::group, Node::size, Node::activation)
        .containsExactly(
            tuple(0, "h1", false, 1, Activation.TANH),
            tuple(1, "out", false, 1, Activation.SIGMOID),
            tuple(2, "h", true, 2, Activation.TANH));
    assertThat(g.nodes().get(0).bias().toArray()).containsExactly(0.1);
    assertThat(g.edges())
        .extracting(Edge::index, Edge::from, Edge::to, Edge::delay)
        .containsExactly(
            tuple(0, Port.input(1, 0, 1), Port.node(0, 0, 1), Delay.ZERO),
            tuple(1, Port.node(0, 0, 1), Port.node(1, 0, 1), Delay.AUTO),
            tuple(2, Port.node(1, 0, 1), Port.node(0, 0, 1), Delay.AUTO),
            tuple(3, Port.input(0, 0, 3), Port.node(2, 0, 2), Delay.ZERO),
            tuple(4, Port.node(2, 0, 2), Port.node(2, 0, 2), Delay.fixed(1)),
            tuple(5, Port.node(0, 0, 1), Port.node(1, 0, 1), Delay.AUTO),
            tuple(6, Port.input(1, 4, 1), Port.node(2, 1, 1), Delay.ZERO));
    assertThat(g.edges().get(3).weights())
        .isEqualTo(new Matrix(2, 3, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}));
    assertThat(g.edges().get(2).weights()).isEqualTo(Matrix.scalar(-0.5));
    assertThat(g.portName(g.edges().get(6).from())).isEqualTo("words[not good]");
    assertThat(g.portName(g.edges().get(6).to())).isEqualTo("h[1]");
    assertThat(g.outputs()).containsExactly(Port.node(1, 0, 1), Port.node(2, 0, 2));
    assertThat(g.outputNames()).containsExactly("out", "h[0]", "h[1]");
    assertThat(g.explicitOrder()).contains(List.of(0, 1, 2));
    assertThat(g.weightFiles()).isEmpty();
  }

  @Test
  void neuronsComeBeforeGroupsWhateverTheFileOrder() {
    Path spec =
        SpecFiles.write(
            dir,
            "rnnc: 1\nname: Order\n"
                + "groups: {g1: {size: 2}, g2: {size: 1}}\n"
                + "neurons: {b: null, a: null}\n"
                + "edges:\n  - g2 -> a: 1\n  - {from: a, to: g1, weights: [1, 2]}\n"
                + "outputs: [\"g1[1]\", b]\n"
                + "order: [g2, a, g1, b]\n");

    Graph g = SpecFiles.graph(spec);

    assertThat(g.nodes()).extracting(Node::name).containsExactly("b", "a", "g1", "g2");
    assertThat(g.edges())
        .extracting(Edge::from, Edge::to)
        .containsExactly(
            tuple(Port.node(3, 0, 1), Port.node(1, 0, 1)),
            tuple(Port.node(1, 0, 1), Port.node(2, 0, 2)));
    assertThat(g.outputs()).containsExactly(Port.node(2, 1, 1), Port.node(0, 0, 1));
    assertThat(g.explicitOrder()).contains(List.of(3, 1, 2, 0));
  }

  @Test
  void inputPortsIndexWithinTheirInput() {
    Path spec =
        SpecFiles.write(
            dir,
            "rnnc: 1\nname: Ports\n"
                + "inputs:\n  a: {type: vector, size: 2}\n  b: {type: vector, size: 3}\n"
                + "neurons: {n: null}\n"
                + "edges:\n  - \"b[2] -> n\": 1\n  - {from: b, to: n, weights: [1, 2, 3]}\n"
                + "outputs: [n]\n");

    Graph g = SpecFiles.graph(spec);

    assertThat(g.edges().get(0).from()).isEqualTo(Port.input(1, 2, 1));
    assertThat(g.edges().get(1).from()).isEqualTo(Port.input(1, 0, 3));
    assertThat(g.featureOffset(1)).isEqualTo(2);
  }

  @Test
  void floatPrecisionKeepsTheWrittenValues() {
    Path spec =
        SpecFiles.write(
            dir,
            "rnnc: 1\nname: Floats\nprecision: float\n"
                + "neurons: {n: {bias: 0.1, gain: 0.3, initial: 0.7}}\n"
                + "edges:\n  - n -> n: 0.1\noutputs: [n]\n");

    Graph g = SpecFiles.graph(spec);

    assertThat(g.precision()).isEqualTo(Precision.FLOAT);
    Node n = g.nodes().get(0);
    assertThat(n.bias().toArray()).containsExactly(0.1);
    assertThat(n.gain()).isEqualTo(0.3);
    assertThat(n.initial().toArray()).containsExactly(0.7);
    assertThat(g.edges().get(0).weights().get(0, 0)).isEqualTo(0.1);
  }

  @Test
  void weightFilesListEveryFileReadOnceSorted() {
    SpecFiles.write(dir, "z-vocab.txt", "good\n");
    SpecFiles.write(dir, "data/a-vocab.txt", "bad\n");
    Path spec =
        SpecFiles.write(
            dir,
            "rnnc: 1\nname: Files\n"
                + "inputs:\n  w: {type: tokens, vocabulary: {file: z-vocab.txt}}\n"
                + "  v: {type: tokens, vocabulary: {file: ./data/../data/a-vocab.txt}}\n"
                + "  u: {type: tokens, vocabulary: {file: z-vocab.txt}}\n"
                + "neurons: {n: null}\noutputs: [n]\n");

    Graph g = SpecFiles.graph(spec);

    assertThat(g.weightFiles())
        .containsExactly(dir.resolve("data/a-vocab.txt"), dir.resolve("z-vocab.txt"));
    assertThat(g.source()).isEqualTo(spec);
  }
}
