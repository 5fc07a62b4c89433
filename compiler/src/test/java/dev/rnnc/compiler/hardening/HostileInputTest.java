package dev.rnnc.compiler.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs that a check once accepted and a later phase choked on, and inputs that flooded or hung:
 * each is now a located error from {@code check}, before anything is generated.
 */
class HostileInputTest {

  @TempDir Path dir;

  private List<Diagnostic> problems(String spec) throws IOException {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, spec);
    try {
      Compiler.load(file);
    } catch (SpecException e) {
      return e.diagnostics();
    }
    throw new AssertionError("accepted:\n" + spec);
  }

  private static String spec(String header, String neurons, String edges) {
    return "rnnc: 1\nname: Hostile\n"
        + header
        + "inputs: {x: {type: vector, size: 2}}\n"
        + "neurons:\n"
        + neurons
        + "edges:\n"
        + edges
        + "outputs: [a]\n";
  }

  @Test
  void aHugeInitScaleIsAnErrorAtTheEdge() throws IOException {
    List<Diagnostic> ds =
        problems(
            "rnnc: 1\nname: Hostile\ninputs: {x: {type: vector, size: 2}}\ngroups:\n  h: {size: 8}\n"
                + "edges:\n  - {from: x, to: h, weights: {init: normal, scale: 1.7e308, seed: 1}}\n"
                + "outputs: [h]\n");
    assertThat(ds).hasSize(1);
    assertThat(ds.get(0).code()).isEqualTo(Code.NON_FINITE);
    assertThat(ds.get(0).position().line()).isEqualTo(7);
    assertThat(ds.get(0).message())
        .startsWith("the weights of x -> h hold a value that is not finite");
  }

  @Test
  void valuesBeyondFloatRangeAreErrorsInFloatModels() throws IOException {
    Files.writeString(dir.resolve("w.csv"), "1.0,3.0e39\n");
    List<Diagnostic> ds =
        problems(
            spec(
                "precision: float\n",
                "  a: {bias: 1.0e39}\n",
                "  - {from: x, to: a, weights: {file: w.csv}}\n"));
    assertThat(ds).extracting(Diagnostic::code).containsOnly(Code.NON_FINITE);
    assertThat(ds)
        .extracting(Diagnostic::message)
        .containsExactlyInAnyOrder(
            "the weights of x -> a hold 3.0E39, beyond the range of float (about 3.4e38) of this"
                + " precision: float model",
            "the bias of 'a' holds 1.0E39, beyond the range of float (about 3.4e38) of this precision:"
                + " float model");
    assertThat(ds).allSatisfy(d -> assertThat(d.hint()).endsWith("or use precision: double"));
  }

  @Test
  void javaPackagesAndOverlongNamesAreRejected() throws IOException {
    assertThat(problems("rnnc: 1\nname: A\npackage: java.lang\nneurons: {a: null}\noutputs: [a]\n"))
        .extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("is in 'java'"));
    assertThat(
            problems(
                "rnnc: 1\nname: A\npackage: javax.annotation.processing\nneurons: {a: null}\noutputs: [a]\n"))
        .extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("is a package of the JDK"));
    String longName = "n".repeat(500);
    List<Diagnostic> ds =
        problems("rnnc: 1\nname: A\nneurons: {" + longName + ": null}\noutputs: [a]\n");
    assertThat(ds)
        .extracting(Diagnostic::hint)
        .anySatisfy(
            h -> assertThat(h).isEqualTo("names are at most 200 characters; this one has 500"));
    assertThat(ds).allSatisfy(d -> assertThat(d.message().length()).isLessThan(300));
  }

  @Test
  void anOutputNamedStepWouldClashWithTheStepColumn() throws IOException {
    List<Diagnostic> ds = problems("rnnc: 1\nname: A\nneurons: {step: null}\noutputs: [step]\n");
    assertThat(ds)
        .extracting(Diagnostic::message)
        .containsExactly(
            "output 'step' would share its name with the step column that rnnc run prints first");
  }

  @Test
  void weightFilesMustBeRegularFiles() throws IOException {
    // A device (here behind a link named like a CSV file) would never end; a pipe would block.
    Files.createSymbolicLink(dir.resolve("w.csv"), Path.of("/dev/zero"));
    List<Diagnostic> ds =
        problems(spec("", "  a: {}\n", "  - {from: x, to: a, weights: {file: w.csv}}\n"));
    assertThat(ds)
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .endsWith("w.csv': it is not a regular file (a device, pipe or socket)");
  }

  @Test
  void oneFileReportsAtMostAHundredProblemsAndCountsTheRest() {
    Diagnostics sink = new Diagnostics();
    Path file = Path.of("many.yaml");
    for (int k = 1; k <= 1_000; k++) {
      sink.error(Code.BAD_VALUE, new dev.rnnc.compiler.diag.SourcePosition(file, k, 1), "bad " + k);
    }
    List<Diagnostic> all = sink.all();
    assertThat(all).hasSize(Diagnostics.MAX_PER_FILE + 1);
    assertThat(all.get(all.size() - 1).message())
        .isEqualTo("900 more problems in this file are not shown (1000 in all)");
    assertThat(all.get(all.size() - 1).code()).isEqualTo(Code.TOO_MANY_PROBLEMS);
    assertThatThrownBy(sink::throwIfErrors).isInstanceOf(SpecException.class);
  }

  @Test
  void aMegabyteLineIsShownAsAWindowAroundTheColumn() throws IOException {
    Path file = dir.resolve("wide.yaml");
    Files.writeString(file, "x".repeat(1_000_000) + "\n");
    Diagnostic d =
        Diagnostic.error(
            Code.YAML_SYNTAX,
            new dev.rnnc.compiler.diag.SourcePosition(file, 1, 500_000),
            "something " + "y".repeat(10_000));
    String shown = new DiagnosticRenderer().render(d);
    assertThat(shown.length()).isLessThan(2_000);
    assertThat(shown).contains("...");
  }

  @Test
  void aWindowThatWouldKeepTooManyValuesIsRejected() throws IOException {
    List<Diagnostic> ds =
        problems(
            "rnnc: 1\nname: A\ninputs:\n  x: {type: vector, size: 1000, window: {size: 1000000}}\n"
                + "neurons: {a: null}\nedges:\n  - {from: \"x[0]\", to: a, weight: 1.0}\n"
                + "outputs: [a]\n");
    assertThat(ds)
        .extracting(Diagnostic::message)
        .containsExactly(
            "the window keeps 999999000 values from earlier elements (999999 elements of 1000), more"
                + " than 16777216");
  }

  @Test
  void aSpecOfMillionsOfValuesStopsWhileBeingRead() throws IOException {
    // 8 million values, far below the 64 MiB file limit: read as nodes they would take gigabytes.
    StringBuilder spec = new StringBuilder("rnnc: 1\nname: A\nx: [");
    spec.append("0,".repeat(8_000_001)).append("0]\n");
    List<Diagnostic> ds = problems(spec.toString());
    assertThat(ds)
        .extracting(Diagnostic::message)
        .containsExactly("the spec holds more than 8,000,000 values");
  }

  @Test
  void aVocabularyOfDuplicatesGetsTenErrorsAndACount() throws IOException {
    StringBuilder terms = new StringBuilder();
    for (int k = 0; k < 1_000; k++) {
      terms.append(k == 0 ? "" : ", ").append("good");
    }
    List<Diagnostic> ds =
        problems(
            "rnnc: 1\nname: A\ninputs:\n  w: {type: tokens, vocabulary: ["
                + terms
                + "]}\nneurons: {a: null}\nedges:\n  - {from: \"w[good]\", to: a, weight: 1.0}\n"
                + "outputs: [a]\n");
    assertThat(ds).filteredOn(d -> d.message().startsWith("duplicate term")).hasSize(10);
    assertThat(ds)
        .extracting(Diagnostic::message)
        .contains("989 more problems with terms of this vocabulary (999 in total)");
  }

  @Test
  void randomWeightsThatCameOutAllZeroAreAWarning() throws IOException, SpecException {
    Path file = dir.resolve("sparse.yaml");
    Files.writeString(
        file,
        "rnnc: 1\nname: Sparse\ninputs: {x: {type: vector, size: 2}}\n"
            + "groups: {r: {size: 2, activation: tanh}}\nedges:\n"
            + "  - {from: x, to: r, weights: [[1.0, 0.0], [0.0, 1.0]]}\n"
            + "  - {from: r, to: r, weights: {init: normal, seed: 3, density: 0.01,"
            + " spectral_radius: 0.9}}\noutputs: [r]\n");
    var model = Compiler.load(file);
    assertThat(model.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.code()).isEqualTo(Code.ALL_ZERO_WEIGHTS);
              assertThat(w.severity()).isEqualTo(dev.rnnc.compiler.diag.Severity.WARNING);
              assertThat(w.position().line()).isEqualTo(7);
            });
  }
}
