package dev.rnnc.compiler.train;

import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ridge readout (DESIGN §7, as ReservoirPy ≥ 0.4): fits the incoming weights and the bias of every
 * output node that has targets, in closed form. A readout node must have the identity activation
 * and sum aggregation, so that its value is {@code bias + gain * (sum of its edges' products)}.
 *
 * <p>States are collected in one teacher-forced pass per sequence: every target replaces the value
 * of its node element as soon as it is computed, so a readout that feeds back into the network
 * feeds back what it should have said. Over the steps at or after {@code warmup} where an element
 * has a target, X holds what its trainable weights multiply (edge order, columns in order) and z
 * its target in the sum's units ({@code t / gain} less what frozen weights add). Then, with Xc and
 * zc centred, {@code W = (Xcᵀ Xc + λI)⁻¹ Xcᵀ zc} by Cholesky (EJML) and {@code bias = gain (z̄ − x̄
 * W)}, the bias not regularized (Cholesky, or QR when the system is not positive definite). A
 * frozen bias ({@code trainable: false}) is kept: z then subtracts it and nothing is centred.
 * Elements that read the same values over the same steps share one factorization.
 */
public final class Ridge {

  private Ridge() {}

  /** Why a fit cannot be made, for the user. */
  public static final class RidgeException extends Exception {
    public RidgeException(String message) {
      super(message);
    }
  }

  /** The mean squared error of the fitted readouts on the collected (teacher-forced) steps. */
  public record Fit(double loss, long cells) {}

  /** One fitted element: node element {@code (node, element)} and its target cell. */
  private record Target(int cell, int node, int element) {}

  /**
   * Fits the readouts of {@code schedule}'s model into {@code params}.
   *
   * @param lambda the regularization λ (≥ 0)
   * @param warmup steps at the start of each sequence left out of the fit
   */
  public static Fit fit(
      Schedule schedule,
      Parameters params,
      List<Trainer.Sequence> sequences,
      double lambda,
      int warmup)
      throws RidgeException {
    Graph graph = schedule.graph();
    Bptt bptt = new Bptt(schedule, params);
    List<Target> targets = targets(graph, params, sequences);
    // The columns of each element: trainable (edge, column) entries of its row.
    Map<List<Integer>, List<Target>> groups = new LinkedHashMap<>();
    Map<Target, int[][]> columns = new LinkedHashMap<>();
    for (Target t : targets) {
      int[][] cols = columns(schedule, params, t);
      columns.put(t, cols);
      List<Integer> key = new ArrayList<>();
      key.add(t.cell() < 0 ? -1 : presentKey(sequences, t.cell(), warmup));
      key.add(params.trainsBias(t.node(), t.element()) ? 1 : 0);
      for (int[] c : cols) {
        key.add(c[0]);
        key.add(c[1]);
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    // One teacher-forced pass per sequence. Read-outs that feed nothing back need no forcing
    // (their values are read by nothing), so the generated kernel collects the states then:
    // the same bits, several times faster.
    boolean feedback = false;
    for (Target t : targets) {
      for (Edge e : graph.edges()) {
        feedback |= e.from().isNode() && e.from().index() == t.node();
      }
    }
    KernelBptt kernel =
        !feedback && KernelWriter.fits(graph) ? KernelBptt.of(schedule, params) : null;
    List<Bptt.Pass> passes = new ArrayList<>();
    for (Trainer.Sequence s : sequences) {
      if (kernel != null) {
        double[] initial = schedule.layout().initialState();
        passes.add(kernel.materialize(kernel.forward(s.features(), initial)));
        continue;
      }
      double[][] forced = new double[s.features().length][bptt.elements()];
      for (double[] row : forced) {
        Arrays.fill(row, Double.NaN);
      }
      for (Target t : targets) {
        for (int step = 0; step < forced.length; step++) {
          forced[step][bptt.nodeOffset(t.node()) + t.element()] =
              s.targets().values()[step][t.cell()];
        }
      }
      passes.add(bptt.forward(s.features(), schedule.layout().initialState(), forced));
    }
    double sum = 0.0;
    long cells = 0;
    for (List<Target> group : groups.values()) {
      double[] se =
          solve(schedule, params, bptt, sequences, passes, group, columns, lambda, warmup);
      sum += se[0];
      cells += (long) se[1];
    }
    return new Fit(cells == 0 ? Double.NaN : sum / cells, cells);
  }

  /** The target cells and the node elements they name; checks that each node can be fitted. */
  private static List<Target> targets(
      Graph graph, Parameters params, List<Trainer.Sequence> sequences) throws RidgeException {
    Targets first = sequences.get(0).targets();
    int[] columnNode = new int[graph.outputCount()];
    int[] columnElement = new int[graph.outputCount()];
    int c = 0;
    for (Port p : graph.outputs()) {
      for (int k = 0; k < p.size(); k++) {
        columnNode[c] = p.index();
        columnElement[c++] = p.offset() + k;
      }
    }
    List<Target> targets = new ArrayList<>();
    for (int cell = 0; cell < first.column().length; cell++) {
      int column = first.column()[cell];
      Node n = graph.nodes().get(columnNode[column]);
      if (n.isCell() || n.leaky()) {
        throw new RidgeException(
            "ridge fits plain linear readouts; '"
                + first.names()[cell]
                + "' belongs to "
                + n.name()
                + (n.isCell() ? ", an " + n.cell().specName() + " cell" : ", which leaks")
                + "; train it by gradient (--method gradient)");
      }
      if (n.activation() != Activation.IDENTITY || n.aggregation() != Aggregation.SUM) {
        throw new RidgeException(
            "ridge fits readouts with activation identity and aggregation sum; '"
                + first.names()[cell]
                + "' belongs to "
                + n.name()
                + " ("
                + n.activation().specName()
                + ", "
                + n.aggregation().specName()
                + ")");
      }
      if (n.gain() == 0.0) {
        throw new RidgeException("'" + n.name() + "' has gain 0: its weights change nothing");
      }
      Target t = new Target(cell, n.index(), columnElement[column]);
      if (targets.stream().anyMatch(o -> o.node() == t.node() && o.element() == t.element())) {
        throw new RidgeException(first.names()[cell] + " has two target columns");
      }
      targets.add(t);
    }
    return targets;
  }

  /** The trainable (edge, column) entries that feed element {@code t}, in edge order. */
  private static int[][] columns(Schedule schedule, Parameters params, Target t) {
    List<int[]> cols = new ArrayList<>();
    for (Edge e : schedule.incoming(t.node())) {
      int row = t.element() - e.to().offset();
      if (row < 0 || row >= e.to().size()) {
        continue;
      }
      for (int j = 0; j < e.from().size(); j++) {
        if (params.trainsWeight(e.index(), row * e.from().size() + j)) {
          cols.add(new int[] {e.index(), j});
        }
      }
    }
    return cols.toArray(int[][]::new);
  }

  /** A key that is equal for cells with targets at the same steps (their hash, checked below). */
  private static int presentKey(List<Trainer.Sequence> sequences, int cell, int warmup) {
    int h = 1;
    for (Trainer.Sequence s : sequences) {
      double[][] v = s.targets().values();
      for (int t = warmup; t < v.length; t++) {
        h = 31 * h + (Double.isNaN(v[t][cell]) ? 0 : 1);
      }
    }
    return h;
  }

  /** Fits one group of elements that share X; returns {squared error sum, cells}. */
  private static double[] solve(
      Schedule schedule,
      Parameters params,
      Bptt bptt,
      List<Trainer.Sequence> sequences,
      List<Bptt.Pass> passes,
      List<Target> group,
      Map<Target, int[][]> columns,
      double lambda,
      int warmup)
      throws RidgeException {
    Graph graph = schedule.graph();
    Target lead = group.get(0);
    int[][] cols = columns.get(lead);
    // Rows: steps >= warmup where the lead has a target (all of the group share them, or the
    // group is split by element below).
    List<int[]> rows = new ArrayList<>();
    for (int s = 0; s < sequences.size(); s++) {
      double[][] v = sequences.get(s).targets().values();
      for (int t = warmup; t < v.length; t++) {
        if (!Double.isNaN(v[t][lead.cell()])) {
          rows.add(new int[] {s, t});
        }
      }
    }
    for (Target other : group) {
      for (int[] r : rows) {
        if (Double.isNaN(sequences.get(r[0]).targets().values()[r[1]][other.cell()])) {
          // Same hash, different steps: fit the elements one by one.
          double[] total = {0, 0};
          for (Target single : group) {
            double[] se =
                solve(
                    schedule,
                    params,
                    bptt,
                    sequences,
                    passes,
                    List.of(single),
                    columns,
                    lambda,
                    warmup);
            total[0] += se[0];
            total[1] += se[1];
          }
          return total;
        }
      }
    }
    Node node = graph.nodes().get(lead.node());
    if (rows.isEmpty()) {
      throw new RidgeException(
          "no steps with a target for "
              + node.name()
              + (warmup > 0 ? " after the warmup of " + warmup + " steps" : ""));
    }
    int n = rows.size();
    int f = cols.length;
    int m = group.size();
    boolean fitBias = params.trainsBias(lead.node(), lead.element());
    DMatrixRMaj x = new DMatrixRMaj(n, f);
    DMatrixRMaj z = new DMatrixRMaj(n, m);
    for (int i = 0; i < n; i++) {
      Bptt.Pass pass = passes.get(rows.get(i)[0]);
      int step = rows.get(i)[1];
      for (int c = 0; c < f; c++) {
        x.set(i, c, bptt.read(pass, graph.edges().get(cols[c][0]), cols[c][1], step));
      }
      for (int k = 0; k < m; k++) {
        Target t = group.get(k);
        double target = sequences.get(rows.get(i)[0]).targets().values()[step][t.cell()];
        double frozen = frozen(schedule, params, bptt, pass, t, step);
        double bias = fitBias ? 0.0 : params.bias(t.node())[t.element()];
        z.set(i, k, (target - bias) / node.gain() - frozen);
      }
    }
    double[] xMean = new double[f];
    double[] zMean = new double[m];
    if (fitBias) {
      centre(x, xMean);
      centre(z, zMean);
    }
    DMatrixRMaj a = new DMatrixRMaj(f, f);
    CommonOps_MT_DDRM.multTransA(x, x, a); // XᵀX dominates: both cores
    for (int c = 0; c < f; c++) {
      a.add(c, c, lambda);
    }
    DMatrixRMaj b = new DMatrixRMaj(f, m);
    CommonOps_DDRM.multTransA(x, z, b);
    DMatrixRMaj w = new DMatrixRMaj(f, m);
    if (f > 0) {
      // Cholesky for the symmetric positive definite system; QR when it is not (λ = 0 with
      // collinear states), which still solves it if it is not singular.
      LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(f);
      boolean ok = solver.setA(a.copy());
      if (!ok) {
        solver = LinearSolverFactory_DDRM.qr(f, f);
        ok = solver.setA(a.copy()) && solver.quality() > 1e-14;
      }
      if (!ok) {
        throw new RidgeException(
            "cannot fit "
                + node.name()
                + ": Xᵀ X"
                + (lambda > 0 ? " + λI" : "")
                + " is not positive definite ("
                + n
                + " steps, "
                + f
                + " weights); "
                + (lambda > 0 ? "raise --ridge" : "give --ridge a small positive value"));
      }
      solver.solve(b, w);
    }
    double squared = 0.0;
    for (int k = 0; k < m; k++) {
      Target t = group.get(k);
      double intercept = zMean[k];
      for (int c = 0; c < f; c++) {
        double value = w.get(c, k);
        Edge e = graph.edges().get(cols[c][0]);
        int row = t.element() - e.to().offset();
        params.weights(e.index())[row * e.from().size() + cols[c][1]] = value;
        intercept -= xMean[c] * value;
      }
      if (fitBias) {
        params.bias(t.node())[t.element()] = node.gain() * intercept;
      }
      // The error of the fitted readout on the rows it was fitted on.
      for (int i = 0; i < n; i++) {
        double fitted = 0.0;
        for (int c = 0; c < f; c++) {
          fitted += (x.get(i, c) + xMean[c]) * w.get(c, k);
        }
        double zi = z.get(i, k) + zMean[k];
        double diff = node.gain() * (fitted + (fitBias ? intercept : 0.0) - zi);
        squared += diff * diff;
      }
    }
    return new double[] {squared, (double) n * m};
  }

  /** What frozen weights into element t add at a step (in the sum's units). */
  private static double frozen(
      Schedule schedule, Parameters params, Bptt bptt, Bptt.Pass pass, Target t, int step) {
    double sum = 0.0;
    for (Edge e : schedule.incoming(t.node())) {
      int row = t.element() - e.to().offset();
      if (row < 0 || row >= e.to().size()) {
        continue;
      }
      int cols = e.from().size();
      for (int j = 0; j < cols; j++) {
        if (!params.trainsWeight(e.index(), row * cols + j)) {
          sum += params.weights(e.index())[row * cols + j] * bptt.read(pass, e, j, step);
        }
      }
    }
    return sum;
  }

  /** Subtracts each column's mean, which it stores into {@code means}. */
  private static void centre(DMatrixRMaj m, double[] means) {
    for (int c = 0; c < m.numCols; c++) {
      double s = 0.0;
      for (int r = 0; r < m.numRows; r++) {
        s += m.get(r, c);
      }
      means[c] = s / m.numRows;
      for (int r = 0; r < m.numRows; r++) {
        m.set(r, c, m.get(r, c) - means[c]);
      }
    }
  }
}
