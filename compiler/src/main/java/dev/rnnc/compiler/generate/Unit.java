package dev.rnnc.compiler.generate;

import java.util.List;

/**
 * A piece of the body of {@code step} with its estimated bytecode size and the index pages it uses:
 * the grain at which {@link EvaluatorWriter} cuts the body into methods.
 */
record Unit(Src code, int cost, List<Integer> pages) {
  Unit {
    pages = List.copyOf(pages);
  }
}
