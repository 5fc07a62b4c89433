package dev.rnnc.compiler.graphviz;

import dev.rnnc.compiler.GraphFixture;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.Window;

/** Hand-built models to draw, mirroring the example specs. */
final class Models {

  private Models() {}

  private static Model model(Schedule s) {
    return new Model(s.graph(), s);
  }

  /**
   * specs/examples/window_sentiment.yaml: order praise, negation, score; score -> praise backward.
   */
  static Model sentiment() {
    GraphFixture f = new GraphFixture().name("WindowSentiment").window(new Window(5, 1, true));
    int words =
        f.tokens(
            "words",
            "good",
            "great",
            "love",
            "bad",
            "awful",
            "boring",
            "not",
            "not good",
            "not bad");
    int praise = f.neuron("praise", Activation.TANH, Aggregation.SUM, -0.1, 1, 0);
    int negation = f.neuron("negation", Activation.SIGMOID, Aggregation.SUM, -2.0, 1, 0);
    int score = f.neuron("score", Activation.SIGMOID);
    double[] w = {1.0, 1.2, 1.1, -1.0, -1.4, -0.8};
    for (int i = 0; i < w.length; i++) {
      f.edge(f.feature(words, i), f.whole(praise), Matrix.scalar(w[i]), Delay.ZERO);
    }
    f.edge(f.feature(words, 7), f.whole(praise), Matrix.scalar(-2.0), Delay.ZERO);
    f.edge(f.feature(words, 8), f.whole(praise), Matrix.scalar(1.5), Delay.ZERO);
    f.edge(f.feature(words, 6), f.whole(negation), Matrix.scalar(4.0), Delay.ZERO);
    f.edge(praise, score, 2.5, Delay.AUTO);
    f.edge(negation, score, -0.5, Delay.AUTO);
    f.edge(score, praise, 0.6, Delay.AUTO);
    f.output(score).output(praise).output(negation);
    return model(f.schedule(praise, negation, score));
  }

  /** specs/examples/elman.yaml: x -> h (matrix), h -> h delay 1, h -> y. */
  static Model elman() {
    GraphFixture f = new GraphFixture().name("SmallElman");
    int x = f.vector("x", 2);
    int y = f.neuron("y", Activation.IDENTITY);
    int h = f.group("h", 3, Activation.TANH, 0.1);
    f.edge(
        f.input(x),
        f.whole(h),
        new Matrix(3, 2, new double[] {0.5, -0.3, 0.8, 0.2, -0.6, 0.9}),
        Delay.ZERO);
    f.edge(
        f.whole(h),
        f.whole(h),
        new Matrix(3, 3, new double[] {0.1, 0.4, -0.2, -0.3, 0.2, 0.5, 0.6, -0.1, 0.3}),
        Delay.fixed(1));
    f.edge(f.whole(h), f.whole(y), new Matrix(1, 3, new double[] {1, -1, 0.5}), Delay.AUTO);
    f.output(y).output(h);
    return model(f.schedule(h, y));
  }

  /** specs/examples/oscillator.yaml: no inputs, self-loops, a delay-2 edge, a product node. */
  static Model oscillator() {
    GraphFixture f = new GraphFixture().name("Oscillator");
    int c = f.neuron("c", Activation.IDENTITY, Aggregation.SUM, 0, 1, 1.0);
    int s = f.neuron("s", Activation.IDENTITY);
    int energy = f.neuron("energy", Activation.IDENTITY);
    int memory = f.neuron("memory", Activation.IDENTITY, Aggregation.PRODUCT, 0, 1, 1.0);
    f.edge(c, c, 0.98, Delay.AUTO);
    f.edge(s, c, -0.2, Delay.AUTO);
    f.edge(c, s, 0.2, Delay.AUTO);
    f.edge(s, s, 0.98, Delay.AUTO);
    f.edge(c, energy, 1.0, Delay.AUTO);
    f.edge(c, memory, 1.0, Delay.fixed(2));
    f.edge(s, memory, 1.0, Delay.ZERO);
    f.output(c).output(s).output(energy).output(memory);
    return model(f.schedule(c, s, energy, memory));
  }

  /** specs/examples/sensor_window.yaml: input delays on x[0], a self-loop on alarm. */
  static Model sensor() {
    GraphFixture f = new GraphFixture().name("SensorWindow").window(new Window(4, 2, false));
    int x = f.vector("x", 2);
    int level = f.neuron("level", Activation.IDENTITY);
    int trend = f.neuron("trend", Activation.TANH);
    int alarm = f.neuron("alarm", Activation.SIGMOID, Aggregation.SUM, -1.0, 1, 0);
    f.edge(f.feature(x, 0), f.whole(level), Matrix.scalar(1.0), Delay.ZERO);
    f.edge(f.feature(x, 0), f.whole(trend), Matrix.scalar(1.0), Delay.ZERO);
    f.edge(f.feature(x, 0), f.whole(trend), Matrix.scalar(-0.5), Delay.fixed(1));
    f.edge(f.feature(x, 0), f.whole(trend), Matrix.scalar(-0.5), Delay.fixed(2));
    f.edge(f.feature(x, 1), f.whole(alarm), Matrix.scalar(0.3), Delay.ZERO);
    f.edge(trend, alarm, 2.0, Delay.AUTO);
    f.edge(alarm, alarm, 0.7, Delay.AUTO);
    f.output(level).output(trend).output(alarm);
    return model(f.schedule(level, trend, alarm));
  }

  /**
   * A chain of {@code n} neurons fed by one input, each also feeding the next with two parallel
   * edges and the first with a backward edge.
   */
  static Model chain(int n) {
    GraphFixture f = new GraphFixture().name("Chain");
    int x = f.vector("x", 1);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = f.neuron("n" + i, Activation.TANH);
    }
    f.edge(f.feature(x, 0), f.whole(0), Matrix.scalar(1.0), Delay.ZERO);
    for (int i = 1; i < n; i++) {
      f.edge(i - 1, i, 0.5, Delay.AUTO);
      f.edge(i - 1, i, 0.25, Delay.AUTO);
      f.edge(i, 0, -0.1, Delay.AUTO);
    }
    f.output(n - 1);
    return model(f.schedule(order));
  }
}
