package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Elman step with EJML's dense row-major kernels: {@code s = W_ih x}, {@code s += W_hh h}, then
 * bias and {@code Math.tanh} per element. Double precision; every matrix is allocated once.
 */
final class EjmlElman {

  private final DMatrixRMaj wIh;
  private final DMatrixRMaj wHh;
  private final double[] bias;
  private final DMatrixRMaj x;
  private final DMatrixRMaj s;
  private final DMatrixRMaj h;

  /** The network of an Elman spec loaded by {@link Workloads#elmanSpec}. */
  EjmlElman(Model model) {
    Node group = model.graph().nodes().get(0);
    Edge ih = model.graph().edges().get(0);
    Edge hh = model.graph().edges().get(1);
    this.wIh =
        new DMatrixRMaj(ih.weights().rows(), ih.weights().cols(), true, ih.weights().toArray());
    this.wHh =
        new DMatrixRMaj(hh.weights().rows(), hh.weights().cols(), true, hh.weights().toArray());
    this.bias = group.bias().toArray();
    this.x = new DMatrixRMaj(ih.weights().cols(), 1);
    this.s = new DMatrixRMaj(group.size(), 1);
    this.h = new DMatrixRMaj(group.size(), 1);
  }

  /** One step: reads {@code in}, writes the new hidden state to {@code out}. */
  void step(double[] in, double[] out) {
    System.arraycopy(in, 0, x.data, 0, in.length);
    CommonOps_DDRM.mult(wIh, x, s);
    CommonOps_DDRM.multAdd(wHh, h, s);
    double[] sd = s.data;
    double[] hd = h.data;
    for (int i = 0; i < hd.length; i++) {
      hd[i] = Math.tanh(bias[i] + sd[i]);
    }
    System.arraycopy(hd, 0, out, 0, hd.length);
  }

  void reset() {
    h.zero();
  }
}
