package dev.rnnc.compiler.generate;

import com.palantir.javapoet.NameAllocator;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The identifiers of one generated class. Fixed names (members, parameters, locals, helper methods
 * and the simple names of every type the code refers to) are reserved first, so that names derived
 * from the spec, which go through a {@link NameAllocator}, can never shadow them.
 */
final class Symbols {

  static final String FEATURES = "features";
  static final String OUTPUTS = "outputs";
  static final String STATE = "state";
  static final String VALUES = "values";
  static final String TERM = "term";
  static final String TANH_SCRATCH = "tanhScratch";
  static final String WEIGHTS = "W";
  static final String INITIAL_STATE = "INITIAL_STATE";
  static final String INFO = "INFO";
  static final String FEATURE_COUNT = "FEATURE_COUNT";
  static final String OUTPUT_COUNT = "OUTPUT_COUNT";
  static final String STATE_SIZE = "STATE_SIZE";
  static final String FEATURE_NAMES = "FEATURE_NAMES";
  static final String OUTPUT_NAMES = "OUTPUT_NAMES";
  static final String SAVED = "saved";
  static final String ACC = "agg";
  static final String ACC_FIELD = "pending";
  static final String Y = "yj";
  static final String I = "i";
  static final String J = "j";
  static final String K = "k";
  static final String R = "wj";
  static final String DOT = "dot";
  static final String ROW_SUM = "rowSum";
  static final String CELL_C = "cellC";
  static final String PREVIOUS = "previous";
  static final List<String> GATES = List.of("gate0", "gate1", "gate2", "gate3");
  static final List<String> SPARSE_END = List.of("end0", "end1", "end2", "end3");

  /** Locals of a block of matrix columns: the source values and the weight columns. */
  static final List<String> Y_BLOCK = List.of("y0", "y1", "y2", "y3");

  static final List<String> C_BLOCK = List.of("c0", "c1", "c2", "c3");
  static final String MAXABS = Aggregation.MAXABS.javaMethod();
  static final String FAST_TANH = "fastTanh";
  static final String FAST_SIGMOID = "fastSigmoid";

  private static final List<String> FIXED =
      withActivationHelpers(
          List.of(
              FEATURES,
              OUTPUTS,
              STATE,
              VALUES,
              TERM,
              TANH_SCRATCH,
              WEIGHTS,
              INITIAL_STATE,
              INFO,
              FEATURE_COUNT,
              OUTPUT_COUNT,
              STATE_SIZE,
              FEATURE_NAMES,
              OUTPUT_NAMES,
              SAVED,
              ACC,
              ACC_FIELD,
              Y,
              I,
              J,
              K,
              R,
              DOT,
              ROW_SUM,
              CELL_C,
              PREVIOUS,
              "gate0",
              "gate1",
              "gate2",
              "gate3",
              "end0",
              "end1",
              "end2",
              "end3",
              MAXABS,
              FAST_TANH,
              FAST_SIGMOID,
              "y0",
              "y1",
              "y2",
              "y3",
              "c0",
              "c1",
              "c2",
              "c3",
              "info",
              "step",
              "reset",
              "saveState",
              "loadState",
              ConstantArrays.DECODE,
              ConstantArrays.DECODE_WIDENED,
              StringLists.HELPER,
              "unitStep",
              // Simple names of every type generated code mentions: a field or local with one of
              // these
              // names would hide the type.
              "Activations",
              "ActivationScratch",
              "Evaluator",
              "ModelInfo",
              "InputDef",
              "VectorInput",
              "TokenInput",
              "TokenFeatures",
              "Reduce",
              "Window",
              "Generated",
              "Override",
              "List",
              "ArrayList",
              "Arrays",
              "Math",
              "StrictMath",
              "System",
              "String",
              "StringBuilder",
              "Integer",
              "Double",
              "Float",
              "Object",
              "IllegalArgumentException",
              "ByteBuffer",
              "ByteOrder",
              "DoubleBuffer",
              "FloatBuffer",
              "Base64"));

  /** {@code names}, then the helper method names of standalone activations, without repeats. */
  private static List<String> withActivationHelpers(List<String> names) {
    Set<String> all = new LinkedHashSet<>(names);
    for (Activation a : Activation.values()) {
      all.add(a.standaloneMethod());
    }
    return List.copyOf(all);
  }

  final NameAllocator allocator = new NameAllocator();
  final String className;

  /** Per node: the field holding a group's values, or the local holding a neuron's value. */
  final List<String> nodeNames;

  private final TreeMap<Integer, String> pages = new TreeMap<>();

  Symbols(Graph graph, String className) {
    this.className = className;
    for (String name : FIXED) {
      allocator.newName(name, name);
    }
    if (!FIXED.contains(className)) {
      allocator.newName(className, className);
    }
    List<String> names = new ArrayList<>();
    for (Node n : graph.nodes()) {
      names.add(allocator.newName(n.name()));
    }
    nodeNames = List.copyOf(names);
  }

  /**
   * The local holding {@code page * 32768}: large constant indices are written relative to it so
   * that they do not each take a constant-pool entry. The name depends only on {@code page} and the
   * spec's names (no other generated name looks like {@code pageN}), so asking for it is free of
   * side effects: builds of the step body may ask in any order, or twice.
   */
  String page(int page) {
    return pages.computeIfAbsent(page, p -> allocator.newName("page" + p));
  }

  /** A new unique name for a generated method or field. */
  String newName(String suggestion) {
    return allocator.newName(suggestion);
  }
}
