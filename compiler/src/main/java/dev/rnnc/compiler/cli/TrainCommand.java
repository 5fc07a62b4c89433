package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.data.InputStreams;
import dev.rnnc.compiler.data.InputStreams.Elements;
import dev.rnnc.compiler.data.InputStreams.Source;
import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.output.OutputDirectory;
import dev.rnnc.compiler.train.Loss;
import dev.rnnc.compiler.train.LossCurve;
import dev.rnnc.compiler.train.Optimizer;
import dev.rnnc.compiler.train.Ridge;
import dev.rnnc.compiler.train.Targets;
import dev.rnnc.compiler.train.TrainedSpec;
import dev.rnnc.compiler.train.Trainer;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnc train}: learns a spec's weights and biases under its own semantics (BPTT). */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Learns a model's weights and biases by backpropagation through time, under the model's own"
          + " order, delays, initial values and windows, and writes the trained spec to DIR.",
      "Prints 'epoch,loss' CSV, one row per epoch; progress goes to standard error.",
      "",
      "Several sequences: give each input once per sequence and one --target per sequence, in"
          + " the same order (the k-th file of every input and the k-th target make sequence k)."
          + " A folder stands for its files, in name order. Every sequence starts from the"
          + " initial state."
    },
    footer = {
      "",
      "Targets: CSV whose header names output columns as 'rnnc run' prints them (a subset, any"
          + " order); row k is step k; an empty cell has no target. With --loss cross_entropy a"
          + " column names a group output and holds the class index.",
      "",
      "DIR gets the spec with its trained values (matrices and group biases as .npy files"
          + " beside it), training.csv (the loss per epoch) and training.svg (its curve)."
    })
final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file (.yaml).")
  Path specFile;

  @Option(
      names = "--input",
      paramLabel = "[NAME=]FILE",
      description = {
        "An input's data (CSV for vectors, text for tokens); once per sequence.",
        "A model without inputs runs one step per target row."
      })
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--target",
      paramLabel = "FILE",
      required = true,
      description = "Targets CSV (or a folder of them); one per sequence, in input order.")
  List<Path> targets = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      required = true,
      description = "Where the trained spec and its files are written.")
  Path outDir;

  @Option(
      names = "--method",
      paramLabel = "gradient|ridge",
      defaultValue = "gradient",
      description = {
        "gradient (default): BPTT with an optimizer.",
        "ridge: closed-form ridge regression of the readouts (output nodes with identity"
            + " activation and sum aggregation), states collected with the readouts"
            + " teacher-forced, as ReservoirPy."
      })
  String method;

  @Option(
      names = "--ridge",
      paramLabel = "L",
      defaultValue = "0",
      description = "Ridge: the regularization λ (default ${DEFAULT-VALUE}, as ReservoirPy).")
  double ridge;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "0",
      description = "Ridge: steps at the start of each sequence left out of the fit.")
  int warmup;

  @Option(
      names = "--loss",
      paramLabel = "mse|bce|cross_entropy",
      defaultValue = "mse",
      description = "Loss: mean over target cells (default ${DEFAULT-VALUE}).")
  String loss;

  @Option(
      names = "--optimizer",
      paramLabel = "sgd|adam",
      defaultValue = "sgd",
      description = "Optimizer, with PyTorch's formulas (default ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--lr",
      paramLabel = "X",
      defaultValue = "0.01",
      description = "Learning rate (default ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--momentum",
      paramLabel = "X",
      defaultValue = "0",
      description = "SGD momentum (default ${DEFAULT-VALUE}).")
  double momentum;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "10",
      description = "Passes over the data (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--bptt",
      paramLabel = "full|K",
      defaultValue = "full",
      description =
          "Chunk length: one optimizer step per chunk of K steps, no gradient across chunks"
              + " (default ${DEFAULT-VALUE}: one chunk per sequence).")
  String bptt;

  @Option(
      names = "--clip",
      paramLabel = "NORM",
      description = "Scale gradients whose global L2 norm exceeds NORM (as clip_grad_norm_).")
  Double clip;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description =
          "Seed for anything random in training (full-batch BPTT in file order draws nothing:"
              + " the same command always gives the same bits).")
  long seed;

  @Option(
      names = "--validation-input",
      paramLabel = "[NAME=]FILE",
      description = "Validation data, as --input; its loss is reported per epoch.")
  List<String> validationInputs = new ArrayList<>();

  @Option(
      names = "--validation-target",
      paramLabel = "FILE",
      description = "Validation targets, as --target.")
  List<Path> validationTargets = new ArrayList<>();

  private InputStream stdin = System.in;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Trainer.Settings settings = settings();
    Cli.requireFiles(List.of(specFile));
    Path trainedSpec = outDir.resolve(specFile.getFileName());
    if (Files.exists(trainedSpec) && Files.isSameFile(trainedSpec, specFile)) {
      throw new UsageException(
          "-o " + outDir + " would overwrite the spec itself; choose another directory");
    }
    Model model = Cli.loadOrReport(specFile, err);
    if (model == null) {
      return Main.BAD_INPUT;
    }
    ModelInfo info = model.schedule().modelInfo();
    Diagnostics sink = new Diagnostics();
    List<Trainer.Sequence> train =
        sequences(model, info, inputs, targets, "--", settings.loss(), sink);
    List<Trainer.Sequence> validation =
        sequences(
            model,
            info,
            validationInputs,
            validationTargets,
            "--validation-",
            settings.loss(),
            sink);
    if (sink.hasErrors()) {
      err.print(new DiagnosticRenderer().render(sink.all()));
      return Main.BAD_INPUT;
    }
    if (method.equals("ridge")) {
      return ridge(model, train, validation, out, err);
    }
    Trainer trainer = new Trainer(model.schedule(), settings);
    boolean withValidation = !validation.isEmpty();
    out.println(header(withValidation));
    out.flush();
    Progress progress = new Progress(err, settings.epochs());
    StringBuilder curve = new StringBuilder(header(withValidation)).append('\n');
    List<Trainer.Epoch> epochs;
    try {
      epochs =
          trainer.train(
              train,
              validation,
              e -> {
                String row = row(e, withValidation);
                out.println(row);
                out.flush();
                curve.append(row).append('\n');
                progress.epoch(e);
              });
    } catch (Trainer.UndefinedLoss e) {
      progress.done();
      err.println("rnnc: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    progress.done();
    return write(model, trainer.parameters(), curve.toString(), epochs, err);
  }

  /** Writes the trained spec, its weight files and the loss curve, all or nothing. */
  private int write(
      Model model,
      dev.rnnc.compiler.train.Parameters params,
      String curve,
      List<Trainer.Epoch> epochs,
      PrintWriter err)
      throws IOException {
    String specText = Files.readString(specFile, StandardCharsets.UTF_8);
    List<GeneratedFile> files =
        new ArrayList<>(TrainedSpec.files(specText, specFile, outDir, model.graph(), params));
    files.add(new GeneratedFile(Path.of("training.csv"), curve));
    files.add(
        new GeneratedFile(Path.of("training.svg"), LossCurve.svg(model.graph().name(), epochs)));
    try {
      OutputDirectory.write(outDir, files);
    } catch (IOException e) {
      err.println("rnnc: cannot write " + outDir + ": " + Cli.describe(e));
      return Main.BAD_INPUT;
    }
    return Main.OK;
  }

  /** {@code --method ridge}: one closed-form fit, whose error is printed as epoch 1. */
  private int ridge(
      Model model,
      List<Trainer.Sequence> train,
      List<Trainer.Sequence> validation,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    dev.rnnc.compiler.train.Parameters params =
        dev.rnnc.compiler.train.Parameters.of(model.graph());
    long start = System.nanoTime();
    Ridge.Fit fit;
    double validationLoss = Double.NaN;
    try {
      fit = Ridge.fit(model.schedule(), params, train, ridge, warmup);
      if (!validation.isEmpty()) {
        validationLoss = Trainer.evaluate(model.schedule(), params, Loss.MSE, validation);
      }
    } catch (Ridge.RidgeException | Trainer.UndefinedLoss e) {
      err.println("rnnc: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    boolean withValidation = !validation.isEmpty();
    Trainer.Epoch epoch =
        new Trainer.Epoch(1, fit.loss(), validationLoss, (System.nanoTime() - start) / 1e9);
    String curve = header(withValidation) + "\n" + row(epoch, withValidation) + "\n";
    out.print(curve);
    out.flush();
    err.println(
        "ridge: fitted "
            + fit.cells()
            + " target cells (readouts teacher-forced); mean squared error "
            + fit.loss());
    return write(model, params, curve, List.of(epoch), err);
  }

  /** The header of the loss CSV (stdout and training.csv). */
  private static String header(boolean validation) {
    return validation ? "epoch,loss,validation_loss" : "epoch,loss";
  }

  /** One epoch's row of the loss CSV. */
  private static String row(Trainer.Epoch e, boolean validation) {
    return e.number() + "," + e.loss() + (validation ? "," + e.validationLoss() : "");
  }

  private Trainer.Settings settings() {
    boolean ridgeMethod;
    switch (method) {
      case "gradient" -> ridgeMethod = false;
      case "ridge" -> ridgeMethod = true;
      default -> throw new UsageException("--method must be gradient or ridge, not " + method);
    }
    var parsed = spec.commandLine().getParseResult();
    List<String> gradientOnly =
        List.of("--loss", "--optimizer", "--lr", "--momentum", "--epochs", "--bptt", "--clip");
    List<String> ridgeOnly = List.of("--ridge", "--warmup");
    for (String option : ridgeMethod ? gradientOnly : ridgeOnly) {
      if (parsed.hasMatchedOption(option)) {
        throw new UsageException(
            option
                + (ridgeMethod
                    ? " is for gradient training, not --method ridge"
                    : " is for --method ridge"));
      }
    }
    if (!(ridge >= 0) || !Double.isFinite(ridge)) {
      throw new UsageException("--ridge must be a number >= 0");
    }
    if (warmup < 0) {
      throw new UsageException("--warmup must be >= 0");
    }
    Loss l =
        Loss.fromFlag(loss)
            .orElseThrow(
                () -> new UsageException("--loss must be mse, bce or cross_entropy, not " + loss));
    Optimizer.Kind o =
        Optimizer.Kind.fromFlag(optimizer)
            .orElseThrow(
                () -> new UsageException("--optimizer must be sgd or adam, not " + optimizer));
    int chunk;
    if (bptt.equals("full")) {
      chunk = 0;
    } else {
      try {
        chunk = Integer.parseInt(bptt);
      } catch (NumberFormatException e) {
        chunk = -1;
      }
      if (chunk < 1) {
        throw new UsageException("--bptt must be 'full' or a number of steps >= 1, not " + bptt);
      }
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new UsageException("--lr must be a positive number");
    }
    if (!(momentum >= 0) || momentum >= 1) {
      throw new UsageException("--momentum must be in [0, 1)");
    }
    if (epochs < 0) {
      throw new UsageException("--epochs must be >= 0");
    }
    if (clip != null && !(clip > 0)) {
      throw new UsageException("--clip must be a positive number");
    }
    if (validationInputs.isEmpty() != validationTargets.isEmpty()) {
      throw new UsageException("--validation-input and --validation-target go together");
    }
    return new Trainer.Settings(
        l, o, lr, momentum, epochs, chunk, clip == null ? Double.NaN : clip);
  }

  /** The sequences given by repeated input options and target files. */
  private List<Trainer.Sequence> sequences(
      Model model,
      ModelInfo info,
      List<String> inputArgs,
      List<Path> targetFiles,
      String option,
      Loss kind,
      Diagnostics sink)
      throws IOException {
    List<InputDef> defs = info.inputs();
    Map<String, List<Path>> files = new LinkedHashMap<>();
    for (InputDef d : defs) {
      files.put(d.name(), new ArrayList<>());
    }
    for (String arg : inputArgs) {
      if (defs.isEmpty()) {
        throw new UsageException(
            "model "
                + info.name()
                + " has no inputs: give only --target files (it runs one step per row)");
      }
      InputArguments.Named named = InputArguments.named(arg, info, option + "input");
      String name = named.name();
      String file = named.file();
      if (file.equals("-")) {
        throw new UsageException(option + "input: training reads files, not standard input");
      }
      files.get(name).addAll(expand(Path.of(file)));
    }
    List<Path> targetList = new ArrayList<>();
    for (Path t : targetFiles) {
      targetList.addAll(expand(t));
    }
    targetFiles = targetList;
    int count = targetFiles.size();
    if (!defs.isEmpty() && inputArgs.isEmpty() && count > 0) {
      throw new UsageException(
          "give the data of "
              + info.name()
              + "'s inputs with "
              + option
              + "input [NAME=]FILE, once per "
              + option
              + "target");
    }
    for (Map.Entry<String, List<Path>> e : files.entrySet()) {
      if (e.getValue().size() != count) {
        throw new UsageException(
            "input '"
                + e.getKey()
                + "' has "
                + e.getValue().size()
                + " file(s) but there are "
                + count
                + " "
                + option
                + "target file(s): give one of each per sequence");
      }
    }
    List<Trainer.Sequence> sequences = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Path target = targetFiles.get(k); // readable: expand() checked it
      Map<String, Source> sources = new LinkedHashMap<>();
      for (InputDef d : defs) {
        Path f = files.get(d.name()).get(k);
        sources.put(d.name(), new Source(f.toString(), f, null));
      }
      Targets t = TargetCsv.read(target, model.graph(), kind, sink);
      double[][] features =
          defs.isEmpty() ? new double[t == null ? 0 : t.steps()][0] : features(info, sources, sink);
      if (features == null || t == null) {
        continue;
      }
      if (t.steps() != features.length) {
        sink.error(
            Code.INPUT_DATA,
            SourcePosition.startOf(target),
            "target has " + t.steps() + " rows but the inputs make " + features.length + " steps",
            "row k of the targets is step k of the model's output");
        continue;
      }
      sequences.add(new Trainer.Sequence(String.join(", ", sourcesLabel(sources)), features, t));
    }
    return sequences;
  }

  /**
   * A file, or the files of a folder (one sequence each, in name order; hidden files and subfolders
   * are skipped).
   */
  private static List<Path> expand(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      Cli.requireReadable(path);
      return List.of(path);
    }
    try (var entries = Files.list(path)) {
      List<Path> files =
          entries
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new UsageException(path + ": the folder has no files");
      }
      return files;
    }
  }

  private static List<String> sourcesLabel(Map<String, Source> sources) {
    return sources.values().stream().map(Source::label).toList();
  }

  /** Every step's features (after windows and featurization), or null after reporting. */
  private double[][] features(ModelInfo info, Map<String, Source> sources, Diagnostics sink)
      throws IOException {
    List<Elements> elements = new ArrayList<>();
    for (InputDef d : info.inputs()) {
      elements.add(InputStreams.open(d, sources.get(d.name()), stdin, sink));
    }
    Recorder recorder = new Recorder(info);
    String mismatch =
        InputStreams.drive(info, new Session(recorder), elements, sources, sink, (s, o) -> {});
    if (mismatch != null) {
      throw new UsageException(mismatch);
    }
    return sink.hasErrors() ? null : recorder.steps.toArray(double[][]::new);
  }

  /** An evaluator that keeps each step's features (the session has featurized them). */
  private static final class Recorder implements Evaluator {
    private final ModelInfo info;
    final List<double[]> steps = new ArrayList<>();

    Recorder(ModelInfo info) {
      this.info = info;
    }

    @Override
    public ModelInfo info() {
      return info;
    }

    @Override
    public void step(double[] features, double[] outputs) {
      steps.add(features.clone());
    }

    @Override
    public void reset() {
      steps.clear();
    }

    @Override
    public double[] saveState() {
      return new double[0];
    }

    @Override
    public void loadState(double[] state) {}
  }

  /** Epoch, loss and time left on standard error: one line redrawn on a terminal. */
  private static final class Progress {
    private final PrintWriter err;
    private final int epochs;
    private final boolean live = System.console() != null;
    private double seconds;

    Progress(PrintWriter err, int epochs) {
      this.err = err;
      this.epochs = epochs;
    }

    void epoch(Trainer.Epoch e) {
      seconds += e.seconds();
      double left = seconds / e.number() * (epochs - e.number());
      String line =
          String.format(
              java.util.Locale.ROOT,
              "epoch %d/%d  loss %.6g%s  %s left",
              e.number(),
              epochs,
              e.loss(),
              Double.isNaN(e.validationLoss())
                  ? ""
                  : String.format(java.util.Locale.ROOT, "  validation %.6g", e.validationLoss()),
              time(left));
      if (live) {
        err.print("\r" + line + "   ");
      } else {
        err.println(line);
      }
      err.flush();
    }

    void done() {
      if (live) {
        err.println();
      }
    }

    private static String time(double s) {
      return s < 60
          ? String.format(java.util.Locale.ROOT, "%.0fs", s)
          : String.format(java.util.Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }
  }
}
