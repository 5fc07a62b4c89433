package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.parse.YamlMapping;
import dev.rnnc.compiler.parse.YamlNode;
import dev.rnnc.compiler.parse.YamlScalar;
import dev.rnnc.compiler.parse.YamlSequence;
import dev.rnnc.compiler.weights.InitSpec;
import dev.rnnc.compiler.weights.NdArray;
import dev.rnnc.compiler.weights.WeightFiles;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the numeric sources of a spec: edge weight matrices (inline nested lists, {@code {file:
 * X.npy|X.csv}}, {@code {file: X.safetensors, tensor: NAME}}, {@code {init: ...}}) and per-element
 * vectors of groups (number, list or {@code {file: ...}}), checking their shapes.
 */
final class WeightReader {

  /** After this many bad values in one matrix or vector, the rest are summarized in one message. */
  static final int MAX_VALUE_ERRORS = 10;

  /** Keys of a matrix source that gives neither 'file' nor 'init': what either form may hold. */
  private static final List<String> MATRIX_KEYS =
      Stream.concat(SpecKeys.WEIGHT_FILE.names().stream(), SpecKeys.INIT.names().stream())
          .distinct()
          .toList();

  private static final List<String> INIT_KEYS = SpecKeys.INIT.names();
  private static final List<String> FILE_KEYS = SpecKeys.WEIGHT_FILE.names();

  /**
   * The expected shape of an edge's weights and the names of its ends, for messages. {@code rows}
   * or {@code cols} is -1 when that end is broken (already reported): then only the structure of
   * the weights is checked.
   */
  record EdgeShape(int rows, int cols, String from, String to) {

    boolean known() {
      return rows >= 1 && cols >= 1;
    }

    String expected() {
      return "[" + rows + ", " + cols + "]";
    }

    String layout() {
      return "rows are the elements of the target '"
          + to
          + "' ("
          + rows
          + "), columns those of the source '"
          + from
          + "' ("
          + cols
          + ")";
    }
  }

  private final Values values;
  private final Diagnostics sink;
  private final Path baseDir;
  private final Set<Path> files;
  private final WeightFiles weightFiles;
  private final Limits limits;
  private final FileAccess access;

  /**
   * @param baseDir the directory that relative file names are resolved against
   * @param files collects every file read
   * @param access which files may be read
   */
  WeightReader(Values values, Path baseDir, Set<Path> files, Limits limits, FileAccess access) {
    this.limits = limits;
    this.access = access;
    this.values = values;
    this.sink = values.sink();
    this.baseDir = baseDir;
    this.files = files;
    this.weightFiles = new WeightFiles(sink);
  }

  // ---- edge weights ------------------------------------------------------------------------

  /** The weights of an edge from a matrix source; empty if anything is wrong or unknown. */
  Optional<Weights> matrix(YamlNode node, EdgeShape shape) {
    if (node instanceof YamlSequence seq) {
      return inline(seq, shape).map(Weights.Given::new);
    }
    if (node instanceof YamlMapping m) {
      boolean file = m.entries().stream().anyMatch(e -> "file".equals(e.keyText()));
      boolean init = m.entries().stream().anyMatch(e -> "init".equals(e.keyText()));
      if (file && init) {
        YamlMapping.Entry second =
            m.entries().stream()
                .filter(e -> "file".equals(e.keyText()) || "init".equals(e.keyText()))
                .skip(1)
                .findFirst()
                .orElseThrow();
        sink.error(
            Code.BAD_VALUE,
            second.key().position(),
            "give either 'file' or 'init' for weights, not both");
        return Optional.empty();
      }
      if (file) {
        Fields f = values.fields(m, FILE_KEYS);
        return fileArray(f).flatMap(a -> fileMatrix(a, f, shape)).map(Weights.Given::new);
      }
      if (init) {
        return random(values.fields(m, INIT_KEYS), shape);
      }
      Fields f = values.fields(m, MATRIX_KEYS);
      if (allKeysKnown(f, m)) {
        sink.error(
            Code.MISSING_KEY,
            m.position(),
            "weights given as a mapping need 'file' or 'init'",
            "write {file: weights.npy} or {init: normal, scale: 0.1}");
      }
      return Optional.empty();
    }
    values.wrongType(
        node,
        "a matrix (nested lists, {file: ...} or {init: ...})",
        node instanceof YamlScalar s
                && (s.type() == YamlScalar.Type.INTEGER || s.type() == YamlScalar.Type.FLOAT)
            ? "use 'weight:' for a single number"
            : null);
    return Optional.empty();
  }

  private static boolean allKeysKnown(Fields f, YamlMapping m) {
    return m.entries().stream().allMatch(e -> e.keyText() != null && f.has(e.keyText()));
  }

  private Optional<Matrix> inline(YamlSequence seq, EdgeShape shape) {
    List<YamlNode> items = seq.items();
    if (items.isEmpty()) {
      sink.error(
          Code.SHAPE_MISMATCH,
          seq.position(),
          "weights are empty" + (shape.known() ? ", expected shape " + shape.expected() : ""),
          shape.known() ? shape.layout() : null);
      return Optional.empty();
    }
    int rows;
    int cols;
    boolean nested = items.get(0) instanceof YamlSequence;
    if (nested) {
      rows = items.size();
      cols = -1;
      for (YamlNode item : items) {
        if (!(item instanceof YamlSequence row)) {
          values.wrongType(item, "a row (a list of numbers)");
          return Optional.empty();
        }
        if (cols < 0) {
          cols = row.items().size();
        } else if (row.items().size() != cols) {
          sink.error(
              Code.SHAPE_MISMATCH,
              row.position(),
              "this row has " + row.items().size() + " values, but the first row has " + cols,
              "every row of a matrix has the same length");
          return Optional.empty();
        }
      }
      if (cols == 0) {
        sink.error(Code.SHAPE_MISMATCH, items.get(0).position(), "weight rows must not be empty");
        return Optional.empty();
      }
      if (shape.known() && (rows != shape.rows() || cols != shape.cols())) {
        reportShape(
            seq.position(), "weights have shape [" + rows + ", " + cols + "]", rows, cols, shape);
        return Optional.empty();
      }
    } else {
      int n = items.size();
      for (YamlNode item : items) {
        if (!(item instanceof YamlScalar)) {
          values.wrongType(item, "a number", "a matrix is a list of rows, each a list of numbers");
          return Optional.empty();
        }
      }
      if (shape.known() && shape.rows() == 1 && n == shape.cols()) {
        rows = 1;
        cols = n;
      } else if (shape.known() && shape.cols() == 1 && n == shape.rows()) {
        rows = n;
        cols = 1;
      } else if (shape.known()) {
        sink.error(
            Code.SHAPE_MISMATCH,
            seq.position(),
            "weights have shape [" + n + "], expected " + shape.expected(),
            "write one list per row: " + shape.layout());
        return Optional.empty();
      } else {
        rows = 1;
        cols = n;
      }
    }
    if ((long) rows * cols > limits.maxMatrixValues()) {
      sink.error(
          Code.TOO_LARGE,
          seq.position(),
          "weights of shape ["
              + rows
              + ", "
              + cols
              + "] have more than "
              + limits.maxMatrixValues()
              + " values");
      return Optional.empty();
    }
    double[] data = new double[rows * cols];
    ValueErrors errors = new ValueErrors(seq.position());
    for (int i = 0; i < rows; i++) {
      List<YamlNode> row = nested ? ((YamlSequence) items.get(i)).items() : null;
      for (int j = 0; j < cols; j++) {
        YamlNode item = nested ? row.get(j) : items.get(i * cols + j);
        OptionalDouble v = errors.number(item);
        if (v.isPresent()) {
          data[i * cols + j] = v.getAsDouble();
        }
      }
    }
    if (!errors.finish() || !shape.known()) {
      return Optional.empty();
    }
    return Optional.of(new Matrix(rows, cols, data));
  }

  private void reportShape(SourcePosition at, String actual, int rows, int cols, EdgeShape shape) {
    boolean transposed = rows == shape.cols() && cols == shape.rows() && rows != cols;
    sink.error(
        Code.SHAPE_MISMATCH,
        at,
        actual + ", expected " + shape.expected(),
        (transposed ? "the matrix looks transposed: " : "") + shape.layout());
  }

  private Optional<Matrix> fileMatrix(NdArray array, Fields f, EdgeShape shape) {
    YamlNode fileNode = f.get("file").orElseThrow();
    if (!shape.known()) {
      return Optional.empty();
    }
    int[] dims = array.shape();
    int rows = shape.rows();
    int cols = shape.cols();
    boolean fits =
        switch (dims.length) {
          case 0 -> rows == 1 && cols == 1;
          case 1 -> (rows == 1 && dims[0] == cols) || (cols == 1 && dims[0] == rows);
          case 2 -> dims[0] == rows && dims[1] == cols;
          default -> false;
        };
    if (!fits) {
      String actual = source(f) + " has shape " + shapeText(dims);
      if (dims.length == 2) {
        reportShape(fileNode.position(), actual, dims[0], dims[1], shape);
      } else {
        sink.error(
            Code.SHAPE_MISMATCH,
            fileNode.position(),
            actual + ", expected " + shape.expected(),
            shape.layout());
      }
      return Optional.empty();
    }
    return Optional.of(new Matrix(rows, cols, array.data()));
  }

  private Optional<Weights> random(Fields f, EdgeShape shape) {
    Optional<InitSpec.Distribution> distribution =
        values.choice(
            f.get("init").orElseThrow(),
            "init distribution",
            SpecKeys.INIT.choices("init"),
            name ->
                switch (name) {
                  case "normal" -> Optional.of(InitSpec.Distribution.NORMAL);
                  case "uniform" -> Optional.of(InitSpec.Distribution.UNIFORM);
                  default -> Optional.empty();
                });
    OptionalDouble scale =
        f.get("scale")
            .map(n -> values.number(n, "scale", 0, true, Double.MAX_VALUE))
            .orElse(OptionalDouble.of(0.1));
    OptionalLong seed =
        f.get("seed")
            .map(n -> values.integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE))
            .orElse(OptionalLong.of(0));
    OptionalDouble density =
        f.get("density")
            .map(n -> values.number(n, "density", 0, false, 1))
            .orElse(OptionalDouble.of(1));
    Optional<OptionalDouble> radius =
        f.get("spectral_radius")
            .map(n -> values.number(n, "spectral_radius", 0, false, Double.MAX_VALUE));
    boolean ok =
        distribution.isPresent()
            && scale.isPresent()
            && seed.isPresent()
            && density.isPresent()
            && radius.map(OptionalDouble::isPresent).orElse(true);
    if (radius.isPresent() && shape.known() && shape.rows() != shape.cols()) {
      sink.error(
          Code.SHAPE_MISMATCH,
          f.keyPosition("spectral_radius"),
          "spectral_radius needs a square matrix, but '"
              + shape.from()
              + "' -> '"
              + shape.to()
              + "' has shape "
              + shape.expected(),
          "the spectral radius is defined for recurrent (square) weights, e.g. h -> h");
      ok = false;
    }
    // A sparse init stores about density x rows x cols values; its entries are only drawn.
    double kept = density.isPresent() ? density.getAsDouble() : 1;
    long entries = shape.known() ? (long) shape.rows() * shape.cols() : 0;
    if (shape.known()
        && (entries * kept > limits.maxMatrixValues() || entries > Integer.MAX_VALUE - 8)) {
      sink.error(
          Code.TOO_LARGE,
          f.position(),
          "weights of shape "
              + shape.expected()
              + " have more than "
              + (entries > Integer.MAX_VALUE - 8 ? Integer.MAX_VALUE - 8 : limits.maxMatrixValues())
              + (kept < 1 ? " entries" : " values"),
          kept < 1 ? null : "a sparse init (density < 1) stores only the values it keeps");
      ok = false;
    }
    if (!ok || !shape.known()) {
      return Optional.empty();
    }
    InitSpec spec =
        new InitSpec(
            distribution.get(),
            scale.getAsDouble(),
            seed.getAsLong(),
            density.getAsDouble(),
            radius.orElse(OptionalDouble.empty()));
    return Optional.of(new Weights.Random(spec, shape.rows(), shape.cols()));
  }

  // ---- per-element vectors -----------------------------------------------------------------

  /**
   * One value per element of a group: a number (for every element), a list of {@code size} numbers,
   * or {@code {file: ...}} of shape [size], [size, 1] or [1, size]. {@code size} is -1 when the
   * group's size is broken: then only the values are checked.
   *
   * @param what the key, e.g. {@code bias}
   */
  Optional<double[]> vector(YamlNode node, int size, String what, String group) {
    return vector(node, size, what, group, "group '" + group + "' has size " + size);
  }

  /**
   * {@link #vector(YamlNode, int, String, String)} where a list of the wrong length is reported as
   * "{@code what} has n values, but {@code expected}".
   */
  Optional<double[]> vector(YamlNode node, int size, String what, String group, String expected) {
    if (node instanceof YamlScalar) {
      OptionalDouble v = values.number(node);
      if (v.isEmpty() || size < 1) {
        return Optional.empty();
      }
      double[] data = new double[size];
      Arrays.fill(data, v.getAsDouble());
      return Optional.of(data);
    }
    if (node instanceof YamlSequence seq) {
      int n = seq.items().size();
      if (size >= 1 && n != size) {
        sink.error(
            Code.SHAPE_MISMATCH,
            seq.position(),
            what + " has " + n + " values, but " + expected,
            "give one value per element, or a single number for all of them");
        return Optional.empty();
      }
      double[] data = new double[n];
      ValueErrors errors = new ValueErrors(seq.position());
      for (int i = 0; i < n; i++) {
        OptionalDouble v = errors.number(seq.items().get(i));
        if (v.isPresent()) {
          data[i] = v.getAsDouble();
        }
      }
      return errors.finish() && size >= 1 ? Optional.of(data) : Optional.empty();
    }
    YamlMapping m = (YamlMapping) node;
    Fields f = values.fields(m, FILE_KEYS);
    if (!f.has("file")) {
      if (allKeysKnown(f, m)) {
        sink.error(
            Code.MISSING_KEY,
            m.position(),
            what + " given as a mapping needs 'file'",
            "write {file: " + what + ".npy}");
      }
      return Optional.empty();
    }
    Optional<NdArray> array = fileArray(f);
    if (array.isEmpty() || size < 1) {
      return Optional.empty();
    }
    int[] dims = array.get().shape();
    boolean fits =
        switch (dims.length) {
          case 0 -> size == 1;
          case 1 -> dims[0] == size;
          case 2 -> (dims[0] == size && dims[1] == 1) || (dims[0] == 1 && dims[1] == size);
          default -> false;
        };
    if (!fits) {
      YamlNode fileNode = f.get("file").orElseThrow();
      sink.error(
          Code.SHAPE_MISMATCH,
          fileNode.position(),
          source(f)
              + " has shape "
              + shapeText(dims)
              + ", expected ["
              + size
              + "] for the "
              + what
              + " of group '"
              + group
              + "'",
          "shapes [" + size + "], [" + size + ", 1] and [1, " + size + "] fit");
      return Optional.empty();
    }
    return Optional.of(array.get().data());
  }

  // ---- files -------------------------------------------------------------------------------

  /** The array that {@code file:} (and {@code tensor:}, for a safetensors file) name. */
  private Optional<NdArray> fileArray(Fields f) {
    YamlNode fileNode = f.get("file").orElseThrow();
    Optional<YamlNode> tensorNode = f.get("tensor");
    Optional<String> tensor = tensorNode.flatMap(values::string);
    Optional<Path> path = path(fileNode);
    if (path.isEmpty() || (tensorNode.isPresent() && tensor.isEmpty())) {
      return Optional.empty();
    }
    files.add(path.get());
    if (tensorNode.isPresent()) {
      return weightFiles.read(
          path.get(), fileNode.position(), tensor.get(), tensorNode.get().position());
    }
    return weightFiles.read(path.get(), fileNode.position());
  }

  /** Resolves a file name written in the spec against the spec's directory. */
  Optional<Path> path(YamlNode fileNode) {
    Optional<String> name = values.string(fileNode);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (name.get().isBlank()) {
      sink.error(Code.BAD_VALUE, fileNode.position(), "file name is empty");
      return Optional.empty();
    }
    try {
      Path path = baseDir.resolve(name.get()).normalize();
      Optional<String> refusal = access.refusal(path);
      if (refusal.isPresent()) {
        sink.error(
            Code.BAD_VALUE,
            fileNode.position(),
            "cannot read '" + name.get() + "': " + refusal.get(),
            null);
        return Optional.empty();
      }
      return Optional.of(path);
    } catch (InvalidPathException e) {
      sink.error(
          Code.BAD_VALUE,
          fileNode.position(),
          "invalid file name '" + name.get() + "'",
          e.getReason());
      return Optional.empty();
    }
  }

  /** The file as the spec names it: {@code 'w.npy'}, or {@code tensor 'w' of 'm.safetensors'}. */
  private static String source(Fields f) {
    String file = "'" + text(f.get("file").orElseThrow()) + "'";
    return f.get("tensor").map(t -> "tensor '" + text(t) + "' of " + file).orElse(file);
  }

  private static String text(YamlNode node) {
    return node instanceof YamlScalar s ? s.value() : "";
  }

  private static String shapeText(int[] dims) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      out.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return out.append(']').toString();
  }

  /** Reads numbers, reporting the first few bad ones and summarizing the rest. */
  private final class ValueErrors {

    private final SourcePosition container;
    private int bad;

    ValueErrors(SourcePosition container) {
      this.container = container;
    }

    OptionalDouble number(YamlNode item) {
      if (bad >= MAX_VALUE_ERRORS) {
        Values.Parsed p = Values.parseNumber(item);
        if (p.problem() != Values.NumberProblem.NONE) {
          bad++;
          return OptionalDouble.empty();
        }
        return OptionalDouble.of(p.value());
      }
      OptionalDouble v = values.number(item);
      if (v.isEmpty()) {
        bad++;
      }
      return v;
    }

    /** True if every value was good. */
    boolean finish() {
      if (bad > MAX_VALUE_ERRORS) {
        sink.error(
            Code.BAD_VALUE,
            container,
            String.format(
                Locale.ROOT,
                "%d more values in this list are not finite numbers (%d in total)",
                bad - MAX_VALUE_ERRORS,
                bad));
      }
      return bad == 0;
    }
  }
}
