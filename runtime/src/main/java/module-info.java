/**
 * rnnc's runtime: what a generated evaluator needs, and the API an application embeds it with.
 *
 * <p>{@code dev.rnnc.runtime} is the API: {@link dev.rnnc.runtime.Evaluator} (what every generated
 * class implements), {@link dev.rnnc.runtime.Session} (drives an evaluator over a stream, with
 * windows and featurization), {@link dev.rnnc.runtime.SessionState} (a checkpoint, with a stable
 * byte form) and {@link dev.rnnc.runtime.ModelInfo} (a model's inputs, outputs and order), with the
 * value types they mention.
 *
 * <p>{@code dev.rnnc.runtime.internal} is exported only because generated code, compiled in the
 * user's own module or class path, calls it (activation formulas, the window featurizer). It is for
 * generated code only: applications should not use it, and it may change in any release.
 */
module dev.rnnc.runtime {
  exports dev.rnnc.runtime;
  exports dev.rnnc.runtime.internal;
}
