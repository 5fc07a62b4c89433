package dev.rnnc.flink;

import dev.rnnc.runtime.Evaluator;
import java.io.Serializable;

/**
 * Makes a new evaluator of one generated model, in its initial state: usually the generated class's
 * constructor, {@code ImpactDetector::new}.
 *
 * <p>Flink ships the factory to every task that runs the model, so it must be serializable (a
 * constructor reference is) and must return a new instance on every call: each parallel task drives
 * its own evaluator over the streams of its keys.
 */
@FunctionalInterface
public interface EvaluatorFactory extends Serializable {

  /** A new evaluator in its initial state. */
  Evaluator create();
}
