package dev.rnnc.compiler.train;

import dev.rnnc.compiler.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gradient training (DESIGN §7): epochs over sequences, each cut into BPTT chunks; one optimizer
 * step per chunk that has targets, on that chunk's mean loss. Every sequence starts from the
 * model's initial state; within a sequence the state carries over from chunk to chunk, but no
 * gradient crosses a chunk boundary. Deterministic: the same data and settings give the same bits.
 */
public final class Trainer {

  /**
   * What to train with.
   *
   * @param bptt chunk length in steps; 0 for one chunk per sequence ({@code --bptt full})
   * @param clip the largest gradient norm, or NaN for no clipping
   */
  public record Settings(
      Loss loss,
      Optimizer.Kind optimizer,
      double lr,
      double momentum,
      int epochs,
      int bptt,
      double clip) {

    public Settings {
      Objects.requireNonNull(loss, "loss");
      Objects.requireNonNull(optimizer, "optimizer");
      if (epochs < 0 || bptt < 0) {
        throw new IllegalArgumentException("epochs and bptt must be >= 0");
      }
    }

    /** DESIGN §7's defaults: mse, sgd, lr 0.01, momentum 0, 10 epochs, full BPTT, no clipping. */
    public static Settings defaults() {
      return new Settings(Loss.MSE, Optimizer.Kind.SGD, 0.01, 0.0, 10, 0, Double.NaN);
    }
  }

  /** One sequence: a feature vector per step and its targets (as many steps). */
  public record Sequence(String label, double[][] features, Targets targets) {
    public Sequence {
      if (features.length != targets.steps()) {
        throw new IllegalArgumentException(
            label + ": " + features.length + " steps but " + targets.steps() + " target rows");
      }
    }
  }

  /** An epoch's result: its mean training loss and, if there is validation data, its loss. */
  public record Epoch(int number, double loss, double validationLoss, double seconds) {}

  /** Told after every epoch (for progress). */
  @FunctionalInterface
  public interface Listener {
    void epochDone(Epoch epoch);
  }

  /** Training that diverged: the loss became infinite or NaN. */
  public static final class Diverged extends UndefinedLoss {
    public Diverged(int epoch, String sequence, int step) {
      super(
          "training diverged in epoch "
              + epoch
              + ": the loss of "
              + sequence
              + " from step "
              + step
              + " is not finite; lower --lr, or give --clip");
    }
  }

  /** A loss that is not defined for an output (BCE outside [0, 1]). */
  public static class UndefinedLoss extends Exception {
    public UndefinedLoss(String message) {
      super(message);
    }
  }

  private final Schedule schedule;
  private final Settings settings;
  private final Parameters params;
  private final Engine bptt;
  private final Optimizer optimizer;
  private final Parameters gradient;

  /** The epoch under way (for messages). */
  private int epoch;

  /**
   * Trains with the model's generated kernel ({@link KernelWriter}), or with the reference {@link
   * Bptt} for models too large for one (the same bits either way).
   */
  public Trainer(Schedule schedule, Settings settings) {
    this(schedule, settings, Parameters.of(schedule.graph()), true);
  }

  /** Trains with the reference {@link Bptt} (for comparisons and benchmarks). */
  public static Trainer withReferenceGradients(Schedule schedule, Settings settings) {
    return new Trainer(schedule, settings, Parameters.of(schedule.graph()), false);
  }

  private Trainer(Schedule schedule, Settings settings, Parameters params, boolean generated) {
    this.schedule = schedule;
    this.settings = settings;
    this.params = params;
    this.bptt =
        generated && KernelWriter.fits(schedule.graph())
            ? KernelBptt.of(schedule, params)
            : new Bptt(schedule, params);
    this.optimizer =
        new Optimizer(settings.optimizer(), settings.lr(), settings.momentum(), params);
    this.gradient = params.zeros();
  }

  /** The parameters being trained (live). */
  public Parameters parameters() {
    return params;
  }

  /** Runs every epoch; returns one result per epoch. */
  public List<Epoch> train(List<Sequence> sequences, List<Sequence> validation, Listener listener)
      throws UndefinedLoss {
    List<Epoch> epochs = new ArrayList<>();
    for (int n = 1; n <= settings.epochs(); n++) {
      epoch = n;
      long start = System.nanoTime();
      double sum = 0.0;
      long count = 0;
      for (Sequence s : sequences) {
        double[] state = schedule.layout().initialState();
        int steps = s.features().length;
        int chunk = settings.bptt() == 0 ? Math.max(steps, 1) : settings.bptt();
        for (int from = 0; from < steps; from += chunk) {
          int to = Math.min(steps, from + chunk);
          double[][] features =
              from == 0 && to == steps ? s.features() : slice(s.features(), from, to);
          Bptt.Pass pass = bptt.forward(features, state);
          double[][] dOut = outputGradients(to - from);
          Chunk loss = loss(s, pass, from, dOut);
          state = pass.after;
          if (loss.count == 0) {
            continue;
          }
          if (!Double.isFinite(loss.sum)) {
            throw new Diverged(n, s.label(), from);
          }
          sum += loss.sum;
          count += loss.count;
          double scale = 1.0 / loss.count;
          for (double[] row : dOut) {
            for (int c = 0; c < row.length; c++) {
              row[c] *= scale;
            }
          }
          gradient.clear();
          bptt.backward(pass, dOut, gradient);
          if (!Double.isNaN(settings.clip())) {
            Optimizer.clip(gradient, settings.clip());
          }
          optimizer.step(params, gradient);
        }
      }
      if (!finite(params)) {
        throw new Diverged(n, "the last sequence", 0);
      }
      double validationLoss = validation.isEmpty() ? Double.NaN : evaluate(validation);
      Epoch e =
          new Epoch(
              n,
              count == 0 ? Double.NaN : sum / count,
              validationLoss,
              (System.nanoTime() - start) / 1e9);
      epochs.add(e);
      listener.epochDone(e);
    }
    return epochs;
  }

  /** The mean {@code loss} of {@code params} over every target cell of {@code sequences}. */
  public static double evaluate(
      Schedule schedule, Parameters params, Loss loss, List<Sequence> sequences)
      throws UndefinedLoss {
    Settings settings = new Settings(loss, Optimizer.Kind.SGD, 1.0, 0.0, 0, 0, Double.NaN);
    Trainer trainer = new Trainer(schedule, settings, params, false);
    return trainer.evaluate(sequences);
  }

  /** The mean loss over every target cell of {@code sequences}, with the current values. */
  public double evaluate(List<Sequence> sequences) throws UndefinedLoss {
    double sum = 0.0;
    long count = 0;
    for (Sequence s : sequences) {
      Bptt.Pass pass = bptt.forward(s.features(), schedule.layout().initialState());
      Chunk loss = loss(s, pass, 0, new double[s.features().length][]);
      sum += loss.sum;
      count += loss.count;
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private record Chunk(double sum, long count) {}

  /** The loss's derivative with respect to the outputs, one row per step (reused). */
  private double[][] dOutputs = new double[0][];

  private double[][] outputGradients(int steps) {
    if (dOutputs.length != steps) {
      dOutputs = new double[steps][];
    }
    return dOutputs;
  }

  private static boolean finite(Parameters p) {
    for (int k = 0; k < p.arrays(); k++) {
      for (double v : p.array(k)) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The chunk's summed loss and cell count; fills {@code dOut} with d(sum)/d(outputs). */
  private Chunk loss(Sequence s, Bptt.Pass pass, int from, double[][] dOut) throws UndefinedLoss {
    Targets targets = s.targets();
    double sum = 0.0;
    long count = 0;
    for (int t = 0; t < pass.steps(); t++) {
      double[] y = pass.outputs[t];
      if (dOut[t] == null || dOut[t].length != y.length) {
        dOut[t] = new double[y.length];
      } else {
        java.util.Arrays.fill(dOut[t], 0.0);
      }
      double[] row = targets.values()[from + t];
      for (int c = 0; c < row.length; c++) {
        if (Double.isNaN(row[c])) {
          continue;
        }
        try {
          sum += settings.loss().cell(y, targets.column()[c], targets.width()[c], row[c], dOut[t]);
        } catch (Loss.OutOfRange e) {
          if (Double.isNaN(e.value)) {
            throw new Diverged(epoch, s.label(), from + t);
          }
          throw new UndefinedLoss(
              s.label()
                  + ": step "
                  + (from + t)
                  + ": output '"
                  + targets.names()[c]
                  + "' is "
                  + e.value
                  + "; bce needs outputs in [0, 1] (a sigmoid output)");
        }
        count++;
      }
    }
    return new Chunk(sum, count);
  }

  private static double[][] slice(double[][] rows, int from, int to) {
    double[][] part = new double[to - from][];
    System.arraycopy(rows, from, part, 0, to - from);
    return part;
  }
}
