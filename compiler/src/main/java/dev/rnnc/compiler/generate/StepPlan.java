package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Activation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What building the body of {@code step} produced: the code, in units to be packed into methods,
 * and what that code needs from the rest of the class. Building has no other effect.
 *
 * @param units node computations in the schedule's order, then the outputs, then the state update
 * @param locals whether neuron values are locals of {@code step} (the body must fit one method)
 * @param constants scalar constants that are not literals, to append to {@code W} after {@link
 *     Storage#packedSize()}
 * @param distinctLiterals distinct literal constants in the code (for the constant-pool budget)
 * @param activations activations computed by runtime or standalone methods
 * @param fastActivations activations computed by {@link FastActivations} ({@code math: fast})
 * @param termSize length of the scratch array for edge terms of non-sum groups (0 if none)
 * @param tanhScratchSize length of the {@code ActivationScratch} of tanh over groups (0 if none)
 */
record StepPlan(
    List<Unit> units,
    boolean locals,
    double[] constants,
    int distinctLiterals,
    Set<Activation> activations,
    Set<Activation> fastActivations,
    boolean usesDot,
    boolean usesDotOnFeatures,
    boolean usesMaxabs,
    boolean usesAccumulatorField,
    int termSize,
    int tanhScratchSize) {

  StepPlan {
    units = List.copyOf(units);
    constants = constants.clone();
    activations = sorted(activations);
    fastActivations = sorted(fastActivations);
  }

  /** An unmodifiable copy iterating in declaration order, as the helper methods are written. */
  private static Set<Activation> sorted(Set<Activation> set) {
    EnumSet<Activation> copy = EnumSet.noneOf(Activation.class);
    copy.addAll(set);
    return Collections.unmodifiableSet(copy);
  }

  @Override
  public double[] constants() {
    return constants.clone();
  }

  /** The estimated bytecode size of the whole body. */
  int cost() {
    int total = 0;
    for (Unit u : units) {
      total += u.cost();
    }
    return total;
  }
}
