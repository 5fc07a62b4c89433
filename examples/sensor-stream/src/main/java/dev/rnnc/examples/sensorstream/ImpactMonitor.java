package dev.rnnc.examples.sensorstream;

import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Session;
import dev.rnnc.runtime.SessionState;
import dev.rnnc.runtime.Window;
import java.util.Optional;

/**
 * Watches one accelerometer stream for impacts with {@link ImpactDetector}, the evaluator rnnc
 * generates from {@code src/main/rnnc/impact_detector.yaml}. Readings are pushed one at a time, as
 * they arrive; every fourth reading completes a step over the last eight.
 *
 * <p>A monitor can be checkpointed at any reading, also in the middle of a window, and resumed from
 * the checkpoint by a new monitor (in another process, say): the resumed stream's steps are bit for
 * bit those of a stream that was never interrupted.
 *
 * <p>Not thread-safe: one monitor per stream.
 */
public final class ImpactMonitor {

  /**
   * A completed step.
   *
   * @param index the step, counting from 0
   * @param reading the reading (counting from 0) that completed it
   * @param onset 1 when the alarm has just risen: an impact; else 0
   * @param alarm the alarm level, 0 to 1, fading over a few steps after an impact
   * @param motion the squared jolt of this window against the two before it, in g^2
   */
  public record Step(long index, long reading, double onset, double alarm, double motion) {

    /** Whether this step reports an impact. */
    public boolean impact() {
      return onset > 0.5;
    }
  }

  private final Session session;
  private final double[] outputs;
  private final int onsetColumn;
  private final int alarmColumn;
  private final int motionColumn;

  /** A monitor at the start of a stream. */
  public ImpactMonitor() {
    this(new Session(new ImpactDetector()));
  }

  private ImpactMonitor(Session session) {
    this.session = session;
    ModelInfo info = session.info();
    this.outputs = new double[info.outputCount()];
    this.onsetColumn = info.outputNames().indexOf("onset");
    this.alarmColumn = info.outputNames().indexOf("alarm");
    this.motionColumn = info.outputNames().indexOf("motion");
  }

  /**
   * A monitor that continues the stream checkpointed in {@code checkpoint}, with a new session and
   * a new evaluator.
   *
   * @throws IllegalArgumentException if the bytes are not a checkpoint of this model
   */
  public static ImpactMonitor resume(byte[] checkpoint) {
    Session session = new Session(new ImpactDetector());
    session.restore(SessionState.fromBytes(checkpoint, session.info()));
    return new ImpactMonitor(session);
  }

  /**
   * Pushes one reading.
   *
   * @param xyz acceleration along x, y and z in g. Not modified and not kept.
   * @return the step this reading completed, if it completed one
   * @throws IllegalArgumentException if {@code xyz} does not have three values
   */
  public Optional<Step> push(double[] xyz) {
    long reading = session.elements();
    if (!session.pushVector(xyz, outputs)) {
      return Optional.empty();
    }
    return Optional.of(
        new Step(
            session.steps() - 1,
            reading,
            outputs[onsetColumn],
            outputs[alarmColumn],
            outputs[motionColumn]));
  }

  /** A checkpoint of the stream as it is now, as bytes for {@link #resume}. */
  public byte[] checkpoint() {
    return session.save().toBytes();
  }

  /** Number of readings pushed since the start of the stream. */
  public long readings() {
    return session.elements();
  }

  /** Number of steps completed since the start of the stream. */
  public long steps() {
    return session.steps();
  }

  /** How readings become steps. */
  public Window window() {
    return session.info().window();
  }

  /** Whether readings have been pushed since the last step (or the start) ended a window. */
  public boolean midWindow() {
    long readings = session.elements();
    return readings > 0 && !window().endsStepAt(readings - 1);
  }
}
