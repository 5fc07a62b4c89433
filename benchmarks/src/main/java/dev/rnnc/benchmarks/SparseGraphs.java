package dev.rnnc.benchmarks;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes specs of random sparse scalar graphs, deterministically from a fixed seed: {@code neurons}
 * neurons with mixed activations, {@code edges} scalar edges, most between neurons with {@code
 * delay: auto} (so the graph is full of cycles and the scheduler chooses which edges read the
 * previous step), some with an explicit {@code delay: 1}, and a tenth from the features of one
 * vector input. Weights are small enough that the recurrence stays bounded.
 */
final class SparseGraphs {

  /** Features of the graphs' one vector input. */
  static final int FEATURES = 8;

  private static final String[] ACTIVATIONS = {"tanh", "sigmoid", "relu", "identity"};

  private SparseGraphs() {}

  /** The spec text of a graph named {@code name}; the same arguments give the same text. */
  static String spec(String name, int neurons, int edges, long seed) {
    return spec(name, neurons, edges, seed, "exact");
  }

  /** The same graph with {@code math: fast} when {@code math} is {@code fast}. */
  static String spec(String name, int neurons, int edges, long seed, String math) {
    if (edges > (long) neurons * neurons + (long) neurons * FEATURES) {
      throw new IllegalArgumentException("too many edges for " + neurons + " neurons");
    }
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder(64 * edges + 64 * neurons);
    b.append("rnnc: 1\n")
        .append("name: ")
        .append(name)
        .append('\n')
        .append(math.equals("exact") ? "" : "math: " + math + "\n")
        .append("inputs:\n")
        .append("  x: {type: vector, size: ")
        .append(FEATURES)
        .append("}\n")
        .append("neurons:\n");
    for (int n = 0; n < neurons; n++) {
      String activation = ACTIVATIONS[random.nextInt(ACTIVATIONS.length)];
      b.append("  n")
          .append(n)
          .append(": {activation: ")
          .append(activation)
          .append(", bias: ")
          .append(number(0.2 * (random.nextDouble() - 0.5)))
          .append("}\n");
    }
    b.append("edges:\n");
    Set<Long> used = new HashSet<>();
    // Weight scale: about ten incoming edges per neuron with weights in +-0.25 keep the
    // recurrence contracting, so long runs neither blow up nor die out.
    double scale = Math.min(0.25, 2.5 / Math.max(1.0, (double) edges / neurons));
    int written = 0;
    while (written < edges) {
      boolean fromInput = random.nextInt(10) == 0;
      int from = fromInput ? random.nextInt(FEATURES) : random.nextInt(neurons);
      int to = random.nextInt(neurons);
      long key = ((fromInput ? 1L : 0L) << 62) | ((long) from << 31) | to;
      if (!used.add(key)) {
        continue;
      }
      String weight = number(scale * (2 * random.nextDouble() - 1));
      String source = fromInput ? "\"x[" + from + "]\"" : "n" + from;
      if (!fromInput && random.nextInt(10) == 0) {
        b.append("  - {from: ")
            .append(source)
            .append(", to: n")
            .append(to)
            .append(", weight: ")
            .append(weight)
            .append(", delay: 1}\n");
      } else {
        b.append("  - {from: ")
            .append(source)
            .append(", to: n")
            .append(to)
            .append(", weight: ")
            .append(weight)
            .append("}\n");
      }
      written++;
    }
    // Outputs: a handful of neurons spread over the graph.
    b.append("outputs: [");
    int outputs = Math.min(neurons, 8);
    for (int k = 0; k < outputs; k++) {
      b.append(k == 0 ? "" : ", ").append('n').append((long) k * neurons / outputs);
    }
    return b.append("]\n").toString();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
