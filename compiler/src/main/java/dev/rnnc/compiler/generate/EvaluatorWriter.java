package dev.rnnc.compiler.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import dev.rnnc.runtime.internal.ActivationScratch;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes a scheduled graph as a specialized Java class: one {@code public final class} named after
 * the model, implementing {@link Evaluator} (or, standalone, depending on nothing), whose {@code
 * step} computes exactly what the interpreter computes, bit for bit, without allocating.
 *
 * <p>Small models become straight-line code with the weights as literals. Matrices become loops
 * over one packed weight array. Whatever the size, no method exceeds HotSpot's 8000-byte limit for
 * JIT compilation: the body of {@code step} is cut into methods of bounded size, large constant
 * tables are stored as strings decoded at class initialization (see {@link ConstantArrays}), and in
 * large models scalar weights move from literals into the packed array so that the constant pool
 * stays small. The same schedule always gives the same source text.
 */
public final class EvaluatorWriter {

  /** Estimated bytes of bytecode per generated method; the real limit is 8000. */
  static final int METHOD_BUDGET = 5000;

  /** Above this many distinct literals in code, constants move into the packed array. */
  static final int LITERAL_BUDGET = 6000;

  /** Neurons kept in locals of {@code step} at most (else they live in {@code values}). */
  private static final int LOCALS_MAX = 200;

  /** Calls per method when the chunks of {@code step} themselves need grouping. */
  private static final int CALLS_PER_METHOD = 500;

  private final Schedule schedule;
  private final Graph graph;
  private final Layout layout;
  private final GenerateOptions options;
  private final boolean standalone;
  private final boolean isFloat;
  private final TypeName num;
  private final TypeName numArray;
  private final String className;
  private final String packageName;
  private final Symbols sym;
  private final TypeSpec.Builder type;
  private final ConstantArrays arrays;
  private final StringLists strings = new StringLists();
  private final int methodBudget;
  private final int literalBudget;

  private EvaluatorWriter(
      Schedule schedule, GenerateOptions options, int methodBudget, int literalBudget) {
    this.schedule = schedule;
    this.methodBudget = methodBudget;
    this.literalBudget = literalBudget;
    this.graph = schedule.graph();
    this.options = options;
    this.standalone = options.standalone();
    this.className = graph.name();
    if (!JavaText.isClassName(className)) {
      throw new IllegalArgumentException("not a valid Java class name: " + className);
    }
    this.packageName = options.javaPackage() != null ? options.javaPackage() : graph.javaPackage();
    if (!JavaText.isPackageName(packageName)) {
      throw new IllegalArgumentException("not a valid Java package name: " + packageName);
    }
    this.layout = new Layout(schedule);
    this.isFloat = layout.isFloat;
    this.num = isFloat ? TypeName.FLOAT : TypeName.DOUBLE;
    this.numArray = ArrayTypeName.of(num);
    this.sym = new Symbols(graph, className);
    this.type = TypeSpec.classBuilder(className);
    this.arrays = new ConstantArrays(isFloat, sym.allocator);
  }

  /**
   * Writes the evaluator class for {@code schedule}.
   *
   * @throws IllegalArgumentException if the schedule is inconsistent with its graph, or the class
   *     or package name is not valid Java (the front end rejects such specs)
   * @throws IllegalStateException if a constant is not finite (the front end rejects such specs)
   */
  public static JavaFile write(Schedule schedule, GenerateOptions options) {
    return write(schedule, options, METHOD_BUDGET, LITERAL_BUDGET);
  }

  /**
   * Writes with other size budgets: tests use small ones to exercise, on small models, the code
   * shapes that large models get (chunked methods, neurons spanning methods, constants in the
   * packed array).
   */
  static JavaFile write(
      Schedule schedule, GenerateOptions options, int methodBudget, int literalBudget) {
    return new EvaluatorWriter(schedule, options, methodBudget, literalBudget).write();
  }

  private JavaFile write() {
    ModelInfo info = schedule.modelInfo();
    declareClass(info);
    addConstants(info);
    Storage storage = Storage.plan(layout, sym);
    StepPlan step = planStep(storage);
    addConstantArrays(storage, step);
    addInstanceFields(storage, step);
    addConstructor();
    addInfo();
    addStep(step);
    addReset();
    addSaveState();
    addLoadState();
    addHelpers(step);
    arrays.finish(type);
    strings.finish(type);
    return JavaFile.builder(packageName, type.build())
        .addFileComment(
            "Generated by rnnc from $L. Do not edit.",
            JavaText.lineComment(
                options.sourceName() != null
                    ? options.sourceName()
                    : String.valueOf(graph.source().getFileName())))
        .skipJavaLangImports(true)
        .build();
  }

  private void declareClass(ModelInfo info) {
    type.addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(
            AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                .addMember("value", "$S", "dev.rnnc")
                .build())
        .addJavadoc("$L", ClassJavadoc.of(schedule, info, standalone));
    if (!standalone) {
      type.addSuperinterface(Evaluator.class);
    }
  }

  /**
   * The body of {@code step}. Small models get one method with neurons in locals, if the body fits;
   * otherwise chunks over a {@code values} array. Scalar constants are literals unless there are so
   * many distinct ones that the constant pool would fill up; then they go into the packed array
   * too.
   */
  private StepPlan planStep(Storage storage) {
    boolean literals = StepBuilder.literalCount(layout) <= literalBudget;
    StepPlan step = null;
    if (storage.neurons() <= LOCALS_MAX) {
      StepPlan inLocals =
          StepBuilder.build(layout, sym, storage, true, literals, standalone, unitBudget());
      if (inLocals.cost() <= methodBudget) {
        step = inLocals;
      }
    }
    if (step == null) {
      step = StepBuilder.build(layout, sym, storage, false, literals, standalone, unitBudget());
    }
    if (literals && step.distinctLiterals() > literalBudget) {
      throw new IllegalStateException(
          "more distinct literals than counted: " + step.distinctLiterals());
    }
    return step;
  }

  /** {@code W}, the weight columns, the bias arrays and the initial state. */
  private void addConstantArrays(Storage storage, StepPlan step) {
    double[] weights = storage.packedWith(step.constants());
    if (weights.length > 0) {
      type.addField(arrays.declare(Symbols.WEIGHTS, weights));
    }
    for (Edge e : graph.edges()) {
      String columns = storage.columns(e.index());
      if (columns != null) {
        Matrix m = e.weights();
        type.addField(arrays.declareColumns(columns, m.toColumnMajor(), m.rows(), m.cols()));
      }
    }
    for (Edge e : graph.edges()) {
      String values = storage.sparseValues(e.index());
      if (values != null) {
        Matrix m = e.weights();
        type.addField(arrays.declare(values, m.storedValues()));
        if (storage.sparseColumns(e.index()) != null) {
          type.addField(arrays.declareInts(storage.sparseColumns(e.index()), m.columns()));
          type.addField(arrays.declareInts(storage.sparseRows(e.index()), m.rowStarts()));
        }
      }
    }
    for (Node n : graph.nodes()) {
      String biases = storage.biases(n.index());
      if (biases != null) {
        type.addField(arrays.declare(biases, n.bias().toArray()));
      }
      String recurrent = storage.recurrentBiases(n.index());
      if (recurrent != null) {
        type.addField(arrays.declare(recurrent, n.recurrentBias().toArray()));
      }
    }
    type.addField(arrays.declare(Symbols.INITIAL_STATE, layout.state.initialState()));
  }

  // ---------------------------------------------------------------- constants and fields

  private void addConstants(ModelInfo info) {
    type.addField(
        FieldSpec.builder(
                int.class, Symbols.FEATURE_COUNT, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Length of the {@code features} array of {@code step}.\n")
            .initializer("$L", info.featureCount())
            .build());
    type.addField(
        FieldSpec.builder(
                int.class, Symbols.OUTPUT_COUNT, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Length of the {@code outputs} array of {@code step}.\n")
            .initializer("$L", info.outputCount())
            .build());
    type.addField(
        FieldSpec.builder(
                int.class, Symbols.STATE_SIZE, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Length of the array of {@code saveState} and {@code loadState}.\n")
            .initializer("$L", info.stateSize())
            .build());
    TypeName listOfString =
        ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class));
    if (standalone) {
      type.addField(
          FieldSpec.builder(
                  listOfString,
                  Symbols.FEATURE_NAMES,
                  Modifier.PUBLIC,
                  Modifier.STATIC,
                  Modifier.FINAL)
              .addJavadoc("Feature names, in the order of the {@code features} array.\n")
              .initializer("$L", strings.list(info.featureNames()))
              .build());
      type.addField(
          FieldSpec.builder(
                  listOfString,
                  Symbols.OUTPUT_NAMES,
                  Modifier.PUBLIC,
                  Modifier.STATIC,
                  Modifier.FINAL)
              .addJavadoc("Output column names, in the order of the {@code outputs} array.\n")
              .initializer("$L", strings.list(info.outputNames()))
              .build());
      return;
    }
    type.addField(
        FieldSpec.builder(
                ModelInfo.class, Symbols.INFO, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$L", modelInfo(info))
            .build());
  }

  private CodeBlock modelInfo(ModelInfo info) {
    CodeBlock.Builder inputs = CodeBlock.builder().add("$T.<$T>of(", List.class, InputDef.class);
    for (int k = 0; k < info.inputs().size(); k++) {
      inputs.add(k == 0 ? "\n$>$>$L" : ",\n$L", inputDef(info.inputs().get(k)));
      if (k == info.inputs().size() - 1) {
        inputs.add("$<$<");
      }
    }
    inputs.add(")");
    Window w = info.window();
    CodeBlock window =
        w.equals(Window.NONE)
            ? CodeBlock.of("$T.NONE", Window.class)
            : CodeBlock.of("new $T($L, $L, $L)", Window.class, w.size(), w.stride(), w.partial());
    List<String> flat = new ArrayList<>();
    for (ModelInfo.BackwardEdge e : info.backwardEdges()) {
      flat.add(e.from());
      flat.add(e.to());
    }
    CodeBlock backward =
        CodeBlock.of("$T.pairs($L)", ModelInfo.BackwardEdge.class, strings.list(flat));
    return CodeBlock.builder()
        .add("new $T(\n$>$>", ModelInfo.class)
        .add("$L,\n", JavaText.stringLiteral(info.name()))
        .add("$L,\n", inputs.build())
        .add("$L,\n", window)
        .add("$L,\n", strings.list(info.outputNames()))
        .add("$L,\n", strings.list(info.order()))
        .add("$L,\n", backward)
        .add("$L,\n", info.stateSize())
        .add("$T.$L)$<$<", ModelInfo.Precision.class, info.precision().name())
        .build();
  }

  private CodeBlock inputDef(InputDef def) {
    if (def instanceof VectorInput v) {
      return CodeBlock.of(
          "new $T($L, $L, $T.$L)",
          VectorInput.class,
          JavaText.stringLiteral(v.name()),
          v.size(),
          Reduce.class,
          v.reduce().name());
    }
    TokenInput t = (TokenInput) def;
    CodeBlock.Builder ngrams = CodeBlock.builder().add("$T.of(", List.class);
    for (int k = 0; k < t.ngrams().size(); k++) {
      ngrams.add(k == 0 ? "$L" : ", $L", t.ngrams().get(k));
    }
    return CodeBlock.of(
        "new $T(\n$>$>$L,\n$L,\n$L,\n$L,\n$L,\n$T.$L)$<$<",
        TokenInput.class,
        JavaText.stringLiteral(t.name()),
        strings.list(t.vocabulary()),
        ngrams.add(")").build(),
        t.lowercase(),
        JavaText.stringLiteral(t.pattern()),
        TokenFeatures.class,
        t.features().name());
  }

  private void addInstanceFields(Storage storage, StepPlan step) {
    int neurons = storage.neurons();
    type.addField(
        FieldSpec.builder(numArray, Symbols.STATE, Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc(
                "The canonical state: histories of delayed nodes, then of delayed inputs.\n")
            .initializer("$N.clone()", Symbols.INITIAL_STATE)
            .build());
    if (!step.locals() && neurons > 0) {
      type.addField(
          FieldSpec.builder(numArray, Symbols.VALUES, Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc("This step's neuron values, in declaration order.\n")
              .initializer("new $T[$L]", num, neurons)
              .build());
    }
    if (step.usesAccumulatorField()) {
      type.addField(
          FieldSpec.builder(num, Symbols.ACC_FIELD, Modifier.PRIVATE)
              .addJavadoc("The running aggregate of a neuron whose inputs span several methods.\n")
              .build());
    }
    for (Node n : graph.nodes()) {
      if (n.group()) {
        type.addField(
            FieldSpec.builder(
                    numArray, sym.nodeNames.get(n.index()), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("This step's values of group $L.\n", JavaText.javadoc(n.name()))
                .initializer("new $T[$L]", num, n.size())
                .build());
      }
      if (n.isCell()) {
        for (String sums :
            List.of(storage.inputSums(n.index()), storage.recurrentSums(n.index()))) {
          type.addField(
              FieldSpec.builder(numArray, sums, Modifier.PRIVATE, Modifier.FINAL)
                  .addJavadoc(
                      "This step's gate sums of cell $L ($L).\n",
                      JavaText.javadoc(n.name()),
                      sums.equals(storage.inputSums(n.index())) ? "input edges" : "recurrent edge")
                  .initializer("new $T[$L]", num, n.bias().size())
                  .build());
        }
      }
    }
    if (step.termSize() > 0) {
      type.addField(
          FieldSpec.builder(numArray, Symbols.TERM, Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc("One edge's terms, before they are combined into a group.\n")
              .initializer("new $T[$L]", num, step.termSize())
              .build());
    }
    if (step.tanhScratchSize() > 0) {
      type.addField(
          FieldSpec.builder(
                  ActivationScratch.class, Symbols.TANH_SCRATCH, Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc("Working space of tanh over a group's array.\n")
              .initializer("new $T($L)", ActivationScratch.class, step.tanhScratchSize())
              .build());
    }
  }

  // ---------------------------------------------------------------- methods

  private void addConstructor() {
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addJavadoc("Creates an evaluator in the initial state.\n")
            .addModifiers(Modifier.PUBLIC)
            .build());
  }

  private void addInfo() {
    if (standalone) {
      return;
    }
    type.addMethod(
        MethodSpec.methodBuilder("info")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(ModelInfo.class)
            .addStatement("return $N", Symbols.INFO)
            .build());
  }

  private MethodSpec.Builder publicMethod(String name, String javadoc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC);
    if (standalone) {
      m.addJavadoc(javadoc);
    } else {
      m.addAnnotation(Override.class);
    }
    return m;
  }

  private void addStep(StepPlan plan) {
    List<Unit> units = plan.units();
    MethodSpec.Builder step =
        publicMethod(
                "step",
                "Advances one step. Allocates nothing.\n\n"
                    + "@param features every input's features, concatenated in input order (length {@link"
                    + " #FEATURE_COUNT}); not modified\n"
                    + "@param outputs receives the outputs, groups expanded (length {@link #OUTPUT_COUNT})\n"
                    + "@throws IllegalArgumentException if an array has the wrong length\n")
            .addParameter(double[].class, Symbols.FEATURES)
            .addParameter(double[].class, Symbols.OUTPUTS)
            .beginControlFlow("if ($N.length != $N)", Symbols.FEATURES, Symbols.FEATURE_COUNT)
            .addStatement(
                "throw new $T($S + $N + $S + $N.length)",
                IllegalArgumentException.class,
                "expected ",
                Symbols.FEATURE_COUNT,
                " features, got ",
                Symbols.FEATURES)
            .endControlFlow()
            .beginControlFlow("if ($N.length != $N)", Symbols.OUTPUTS, Symbols.OUTPUT_COUNT)
            .addStatement(
                "throw new $T($S + $N + $S + $N.length)",
                IllegalArgumentException.class,
                "expected ",
                Symbols.OUTPUT_COUNT,
                " outputs, got ",
                Symbols.OUTPUTS)
            .endControlFlow();
    if (plan.locals()) {
      step.addCode(body(units));
      type.addMethod(step.build());
      return;
    }
    // Pack the units greedily into methods under the budget, in order.
    List<List<Unit>> chunks = new ArrayList<>();
    List<Unit> current = new ArrayList<>();
    int cost = 0;
    for (Unit u : units) {
      if (!current.isEmpty() && cost + u.cost() > methodBudget) {
        chunks.add(current);
        current = new ArrayList<>();
        cost = 0;
      }
      current.add(u);
      cost += u.cost();
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    List<String> calls = new ArrayList<>();
    List<MethodSpec> chunkMethods = new ArrayList<>();
    for (int k = 0; k < chunks.size(); k++) {
      String name = sym.newName("step" + k);
      calls.add(name);
      chunkMethods.add(stepPart(name, body(chunks.get(k))));
    }
    // With very many chunks, group the calls so that no caller grows large either.
    int level = 0;
    while (calls.size() > CALLS_PER_METHOD) {
      List<String> grouped = new ArrayList<>();
      for (int start = 0; start < calls.size(); start += CALLS_PER_METHOD) {
        String name = sym.newName("stepGroup" + level + "_" + start / CALLS_PER_METHOD);
        grouped.add(name);
        chunkMethods.add(
            stepPart(
                name,
                callAll(calls.subList(start, Math.min(calls.size(), start + CALLS_PER_METHOD)))));
      }
      calls = grouped;
      level++;
    }
    step.addCode(callAll(calls));
    type.addMethod(step.build());
    chunkMethods.forEach(type::addMethod);
  }

  /** A neuron estimated above this spreads its statements over several units. */
  private int unitBudget() {
    return methodBudget * 3 / 10;
  }

  private MethodSpec stepPart(String name, CodeBlock body) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .addParameter(double[].class, Symbols.FEATURES)
        .addParameter(double[].class, Symbols.OUTPUTS)
        .addCode(body)
        .build();
  }

  private static CodeBlock callAll(List<String> methods) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (String m : methods) {
      b.addStatement("$N($N, $N)", m, Symbols.FEATURES, Symbols.OUTPUTS);
    }
    return b.build();
  }

  /** The units' code, preceded by the page locals they use. */
  private CodeBlock body(List<Unit> units) {
    TreeSet<Integer> pages = new TreeSet<>();
    for (Unit u : units) {
      pages.addAll(u.pages());
    }
    CodeBlock.Builder b = CodeBlock.builder();
    for (int page : pages) {
      b.addStatement("int $N = $L", sym.page(page), page * StepContext.PAGE_SIZE);
    }
    for (Unit u : units) {
      b.add(u.code().toCodeBlock());
    }
    return b.build();
  }

  private void addReset() {
    type.addMethod(
        publicMethod("reset", "Returns to the initial state (as if newly constructed).\n")
            .addStatement(
                "$T.arraycopy($N, 0, $N, 0, $N)",
                System.class,
                Symbols.INITIAL_STATE,
                Symbols.STATE,
                Symbols.STATE_SIZE)
            .build());
  }

  private void addSaveState() {
    MethodSpec.Builder m =
        publicMethod(
                "saveState",
                "Saves the state: the values later steps read from earlier ones.\n\n"
                    + "@return a copy of the state, in rnnc's canonical layout (length {@link #STATE_SIZE})\n")
            .returns(double[].class);
    if (!isFloat) {
      m.addStatement("return $N.clone()", Symbols.STATE);
    } else {
      m.addStatement("double[] $N = new double[$N]", Symbols.SAVED, Symbols.STATE_SIZE)
          .beginControlFlow(
              "for (int $N = 0; $N < $N; $N++)",
              Symbols.K,
              Symbols.K,
              Symbols.STATE_SIZE,
              Symbols.K)
          .addStatement("$N[$N] = $N[$N]", Symbols.SAVED, Symbols.K, Symbols.STATE, Symbols.K)
          .endControlFlow()
          .addStatement("return $N", Symbols.SAVED);
    }
    type.addMethod(m.build());
  }

  private void addLoadState() {
    MethodSpec.Builder m =
        publicMethod(
                "loadState",
                "Restores a state saved by {@link #saveState()}.\n\n"
                    + "@param saved the state; not modified\n"
                    + "@throws IllegalArgumentException if it does not have {@link #STATE_SIZE} values\n")
            .addParameter(double[].class, Symbols.SAVED)
            .beginControlFlow("if ($N.length != $N)", Symbols.SAVED, Symbols.STATE_SIZE)
            .addStatement(
                "throw new $T($S + $N + $S + $N.length)",
                IllegalArgumentException.class,
                "expected a state of ",
                Symbols.STATE_SIZE,
                " values, got ",
                Symbols.SAVED)
            .endControlFlow();
    if (!isFloat) {
      m.addStatement(
          "$T.arraycopy($N, 0, $N, 0, $N)",
          System.class,
          Symbols.SAVED,
          Symbols.STATE,
          Symbols.STATE_SIZE);
    } else {
      m.beginControlFlow(
              "for (int $N = 0; $N < $N; $N++)",
              Symbols.K,
              Symbols.K,
              Symbols.STATE_SIZE,
              Symbols.K)
          .addStatement(
              "$N[$N] = (float) $N[$N]", Symbols.STATE, Symbols.K, Symbols.SAVED, Symbols.K)
          .endControlFlow();
    }
    type.addMethod(m.build());
  }

  private void addHelpers(StepPlan step) {
    if (step.usesDot()) {
      type.addMethod(dotMethod(numArray));
    }
    if (step.usesDotOnFeatures()) {
      type.addMethod(dotMethod(ArrayTypeName.of(TypeName.DOUBLE)));
    }
    if (step.usesMaxabs()) {
      type.addMethod(
          MethodSpec.methodBuilder(Symbols.MAXABS)
              .addJavadoc("{@code m}, or {@code t} if its magnitude is larger.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(num)
              .addParameter(num, "m")
              .addParameter(num, "t")
              .addStatement("return $T.abs(t) > $T.abs(m) ? t : m", Math.class, Math.class)
              .build());
    }
    for (Activation a : step.fastActivations()) {
      type.addMethod(FastActivations.method(a, isFloat));
    }
    if (standalone) {
      for (Activation a : step.activations()) {
        type.addMethod(StandaloneActivations.method(a));
      }
    }
  }

  /** {@code acc} plus {@code w[wo + j] * x[xo + j]} for j = 0 .. n-1, added in that order. */
  private MethodSpec dotMethod(TypeName xType) {
    boolean cast = isFloat && xType.equals(ArrayTypeName.of(TypeName.DOUBLE));
    return MethodSpec.methodBuilder(Symbols.DOT)
        .addJavadoc(
            "Returns {@code acc} plus {@code w[wo + j] * x[xo + j]} for j = 0 .. n - 1, added in that order.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(num)
        .addParameter(num, "acc")
        .addParameter(numArray, "w")
        .addParameter(int.class, "wo")
        .addParameter(xType, "x")
        .addParameter(int.class, "xo")
        .addParameter(int.class, "n")
        .addStatement("$T sum = acc", num)
        .beginControlFlow("for (int j = 0; j < n; j++)")
        .addStatement("sum += w[wo + j] * $Lx[xo + j]", cast ? "(float) " : "")
        .endControlFlow()
        .addStatement("return sum")
        .build();
  }
}
