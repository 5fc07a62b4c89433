package dev.rnnc.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rnnc.compiler.SpecFiles;
import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.parse.SpecReader;
import dev.rnnc.runtime.ModelInfo.Precision;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecCheckerTest {

  @TempDir Path dir;

  private Spec check(String yaml) {
    Diagnostics sink = new Diagnostics();
    Path source = dir.resolve("spec.yaml");
    Optional<Spec> spec =
        SpecReader.parse(yaml, source, sink).flatMap(t -> SpecChecker.check(t, source, sink));
    assertThat(sink.all()).as("diagnostics").isEmpty();
    return spec.orElseThrow();
  }

  private List<Diagnostic> problems(String yaml) {
    return problems(yaml, Limits.DEFAULT);
  }

  private List<Diagnostic> problems(String yaml, Limits limits) {
    Diagnostics sink = new Diagnostics();
    Path source = dir.resolve("spec.yaml");
    Optional<Spec> spec =
        SpecReader.parse(yaml, source, sink)
            .flatMap(t -> SpecChecker.check(t, source, sink, limits));
    assertThat(spec).isEmpty();
    return sink.all();
  }

  private static final String HEADER = "rnnc: 1\nname: Test\n";

  @Nested
  class Defaults {

    @Test
    void neuronsWithoutSettings() {
      Spec spec = check(HEADER + "neurons:\n  a:\n  b: {}\n  c: null\noutputs: [a]\n");

      assertThat(spec.neurons()).hasSize(3);
      for (NodeDecl n : spec.neurons()) {
        assertThat(n.group()).isFalse();
        assertThat(n.size()).isEqualTo(1);
        assertThat(n.activation()).isEqualTo(Activation.IDENTITY);
        assertThat(n.aggregation()).isEqualTo(Aggregation.SUM);
        assertThat(n.bias()).containsExactly(0.0);
        assertThat(n.gain()).isEqualTo(1.0);
        assertThat(n.initial()).containsExactly(0.0);
      }
    }

    @Test
    void topLevel() {
      Spec spec = check(HEADER + "neurons: {a: null}\noutputs: [a]\n");

      assertThat(spec.header().name()).isEqualTo("Test");
      assertThat(spec.header().javaPackage()).isEmpty();
      assertThat(spec.header().precision()).isEqualTo(Precision.DOUBLE);
      assertThat(spec.header().math()).isEqualTo(MathMode.EXACT);
      assertThat(spec.inputs()).isEmpty();
      assertThat(spec.header().window()).isEqualTo(Window.NONE);
      assertThat(spec.groups()).isEmpty();
      assertThat(spec.edges()).isEmpty();
      assertThat(spec.order()).isEmpty();
      assertThat(spec.header().files()).isEmpty();
    }

    @Test
    void alphaDefaultsPerActivation() {
      Spec spec =
          check(
              HEADER
                  + "neurons:\n  l: {activation: leaky_relu}\n  e: {activation: elu}\n"
                  + "  m: {activation: elu, alpha: 0.5}\noutputs: [l]\n");

      assertThat(spec.neurons()).extracting(NodeDecl::alpha).containsExactly(0.01, 1.0, 0.5);
    }

    @Test
    void groupValuesBroadcastOrListed() {
      Spec spec =
          check(
              HEADER
                  + "groups:\n  h: {size: 3, bias: 0.5, initial: [1, 2, 3], gain: 2}\n"
                  + "  k: {size: 2}\noutputs: [h]\n");

      NodeDecl h = spec.groups().get(0);
      assertThat(h.group()).isTrue();
      assertThat(h.bias()).containsExactly(0.5, 0.5, 0.5);
      assertThat(h.initial()).containsExactly(1.0, 2.0, 3.0);
      assertThat(h.gain()).isEqualTo(2.0);
      assertThat(spec.groups().get(1).bias()).containsExactly(0.0, 0.0);
    }

    @Test
    void inputs() {
      Spec spec =
          check(
              HEADER
                  + "inputs:\n  x: {type: vector, size: 2}\n  w: {type: tokens,"
                  + " vocabulary: [Good, bad]}\nneurons: {a: null}\noutputs: [a]\n");

      assertThat(spec.inputs().get(0).def()).isEqualTo(new VectorInput("x", 2, Reduce.MEAN));
      assertThat(spec.inputs().get(1).def())
          .isEqualTo(
              new TokenInput(
                  "w",
                  List.of("good", "bad"),
                  List.of(1),
                  true,
                  TokenInput.DEFAULT_PATTERN,
                  TokenFeatures.PRESENCE));
    }

    @Test
    void delaysDependOnTheSource() {
      Spec spec =
          check(
              HEADER
                  + "inputs: {x: {type: vector, size: 1}}\nneurons: {a: null, b: null}\n"
                  + "edges:\n  - x -> a: 1\n  - a -> b: 1\n  - {from: b, to: a, weight: 1, delay: 0}\n"
                  + "  - {from: x, to: b, weight: 1, delay: 2}\noutputs: [b]\n");

      assertThat(spec.edges())
          .extracting(EdgeDecl::delay)
          .containsExactly(Delay.ZERO, Delay.AUTO, Delay.ZERO, Delay.fixed(2));
    }
  }

  @Nested
  class References {

    private static final String MODEL =
        HEADER
            + "inputs:\n"
            + "  x: {type: vector, size: 3}\n"
            + "  words: {type: tokens, window: {size: 2}, ngrams: [1, 2],"
            + " vocabulary: [good, Not Good]}\n"
            + "neurons: {n: null}\n"
            + "groups: {h: {size: 4}}\n";

    @Test
    void everyFormResolves() {
      Spec spec =
          check(
              MODEL
                  + "edges:\n"
                  + "  - {from: n, to: n, weight: 1}\n"
                  + "  - {from: \"h[2]\", to: n, weight: 1}\n"
                  + "  - {from: \"x[1]\", to: \"h[3]\", weight: 1}\n"
                  + "  - {from: \"words[good]\", to: n, weight: 1}\n"
                  + "  - {from: \"words[NOT GOOD]\", to: n, weight: 1}\n"
                  + "  - from: words[not good]\n"
                  + "    to: h[0]\n"
                  + "    weight: 1\n"
                  + "  - {from: x, to: h, weights: {init: normal}}\n"
                  + "  - {from: words, to: n, weights: [1, 1]}\n"
                  + "  - {from: h, to: n, weights: [[1, 2, 3, 4]]}\n"
                  + "outputs: [n, \"h[1]\", \"h[3]\"]\n");

      assertThat(spec.edges())
          .extracting(
              e -> e.from().name(),
              e -> e.from().kind(),
              e -> e.from().offset(),
              e -> e.from().size(),
              e -> e.to().name(),
              e -> e.to().offset(),
              e -> e.to().size())
          .containsExactly(
              tuple("n", Ref.Kind.NEURON, 0, 1, "n", 0, 1),
              tuple("h", Ref.Kind.GROUP, 2, 1, "n", 0, 1),
              tuple("x", Ref.Kind.INPUT, 1, 1, "h", 3, 1),
              tuple("words", Ref.Kind.INPUT, 0, 1, "n", 0, 1),
              tuple("words", Ref.Kind.INPUT, 1, 1, "n", 0, 1),
              tuple("words", Ref.Kind.INPUT, 1, 1, "h", 0, 1),
              tuple("x", Ref.Kind.INPUT, 0, 3, "h", 0, 4),
              tuple("words", Ref.Kind.INPUT, 0, 2, "n", 0, 1),
              tuple("h", Ref.Kind.GROUP, 0, 4, "n", 0, 1));
      assertThat(spec.outputs())
          .extracting(Ref::name, Ref::offset, Ref::size)
          .containsExactly(tuple("n", 0, 1), tuple("h", 1, 1), tuple("h", 3, 1));
    }

    @Test
    void unknownNamesSuggestTheClosestDeclaredOne() {
      List<Diagnostic> problems =
          problems(MODEL + "edges:\n  - {from: nn, to: hh, weight: 1}\noutputs: [n]\n");

      assertThat(problems)
          .extracting(Diagnostic::message, Diagnostic::hint)
          .containsExactly(
              tuple("unknown neuron, group or input 'nn'", "did you mean 'n'?"),
              tuple("unknown neuron or group 'hh'", "did you mean 'h'?"));
    }

    @Test
    void unknownTermsSuggestAVocabularyTerm() {
      List<Diagnostic> problems =
          problems(
              MODEL
                  + "edges:\n  - {from: \"words[not god]\", to: n, weight: 1}\n"
                  + "outputs: [n]\n");

      assertThat(problems)
          .extracting(Diagnostic::message, Diagnostic::hint)
          .containsExactly(
              tuple("'not god' is not in the vocabulary of 'words'", "did you mean 'not good'?"));
    }

    @Test
    void shorthandPointsAtTheBadEnd() {
      List<Diagnostic> problems =
          problems(MODEL + "edges:\n  - n -> hx: 1\n  - \"nx->n\": 1\noutputs: [n]\n");

      assertThat(problems)
          .extracting(d -> d.position().line(), d -> d.position().column())
          .containsExactly(tuple(9, 10), tuple(10, 6));
    }
  }

  @Nested
  class Edges {

    private static final String MODEL =
        HEADER
            + "inputs: {x: {type: vector, size: 3}}\n"
            + "neurons: {n: null}\n"
            + "groups: {h: {size: 2}}\n";

    @Test
    void shorthandTakesNumbersAndMatrices() {
      Spec spec =
          check(
              MODEL
                  + "edges:\n  - n -> n: 0.5\n  - \"x -> h\": [[1, 2, 3], [4, 5, 6]]\n"
                  + "  - \"n->h\": [7, 8]\n  - \"x[2] -> n\": -1\noutputs: [n]\n");

      assertThat(spec.edges())
          .extracting(e -> ((Weights.Given) e.weights()).matrix())
          .containsExactly(
              Matrix.scalar(0.5),
              new Matrix(2, 3, new double[] {1, 2, 3, 4, 5, 6}),
              new Matrix(2, 1, new double[] {7, 8}),
              Matrix.scalar(-1));
      assertThat(spec.edges().get(0).position())
          .isEqualTo(new SourcePosition(dir.resolve("spec.yaml"), 7, 5));
    }

    @Test
    void flatListsFitRowAndColumnVectors() {
      Spec spec =
          check(
              MODEL
                  + "edges:\n  - {from: x, to: n, weights: [1, 2, 3]}\n"
                  + "  - {from: n, to: h, weights: [[1], [2]]}\n"
                  + "  - {from: n, to: n, weights: [[4]]}\n"
                  + "  - {from: n, to: n, weights: [5]}\noutputs: [n]\n");

      assertThat(spec.edges())
          .extracting(e -> ((Weights.Given) e.weights()).matrix())
          .containsExactly(
              new Matrix(1, 3, new double[] {1, 2, 3}),
              new Matrix(2, 1, new double[] {1, 2}),
              Matrix.scalar(4),
              Matrix.scalar(5));
    }

    @Test
    void initWeightsKeepTheirParameters() {
      Spec spec =
          check(
              MODEL
                  + "edges:\n  - {from: h, to: h, weights: {init: uniform, scale: 0.5,"
                  + " seed: -7, density: 0.25, spectral_radius: 0.9}}\n"
                  + "  - {from: x, to: h, weights: {init: normal}}\noutputs: [n]\n");

      Weights.Random square = (Weights.Random) spec.edges().get(0).weights();
      assertThat(square.rows()).isEqualTo(2);
      assertThat(square.cols()).isEqualTo(2);
      assertThat(square.init().distribution())
          .isEqualTo(dev.rnnc.compiler.weights.InitSpec.Distribution.UNIFORM);
      assertThat(square.init().scale()).isEqualTo(0.5);
      assertThat(square.init().seed()).isEqualTo(-7);
      assertThat(square.init().density()).isEqualTo(0.25);
      assertThat(square.init().spectralRadius()).hasValue(0.9);
      Weights.Random defaults = (Weights.Random) spec.edges().get(1).weights();
      assertThat(defaults.rows()).isEqualTo(2);
      assertThat(defaults.cols()).isEqualTo(3);
      assertThat(defaults.init().scale()).isEqualTo(0.1);
      assertThat(defaults.init().seed()).isZero();
      assertThat(defaults.init().density()).isEqualTo(1.0);
      assertThat(defaults.init().spectralRadius()).isEmpty();
    }

    @Test
    void aBrokenDeclarationDoesNotCascadeIntoItsEdges() {
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "neurons: {n: null}\ngroups: {h: {size: -1}}\n"
                  + "edges:\n  - {from: h, to: n, weights: [1, 2]}\n  - {from: \"h[5]\", to: n,"
                  + " weight: 1}\n  - h -> h: [[1]]\noutputs: [n, h]\n");

      assertThat(problems)
          .extracting(Diagnostic::message)
          .containsExactly("group size must be at least 1, got -1");
    }

    @Test
    void aMisspelledKeyIsNotAlsoReportedMissing() {
      List<Diagnostic> problems =
          problems(MODEL + "edges:\n  - {form: n, to: n, wieght: 1}\noutputs: [n]\n");

      assertThat(problems)
          .extracting(Diagnostic::message, Diagnostic::hint)
          .containsExactly(
              tuple("unknown key 'form'", "did you mean 'from'?"),
              tuple("unknown key 'wieght'", "did you mean 'weight'?"));
    }

    @Test
    void manyBadValuesInOneMatrixAreSummarized() {
      StringBuilder row = new StringBuilder("[");
      for (int i = 0; i < 15; i++) {
        row.append(i == 0 ? "" : ", ").append(".nan");
      }
      row.append("]");
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "groups: {a: {size: 15}}\nneurons: {n: null}\nedges:\n"
                  + "  - {from: a, to: n, weights: "
                  + row
                  + "}\noutputs: [n]\n");

      assertThat(problems).hasSize(11);
      assertThat(problems)
          .extracting(Diagnostic::message)
          .containsOnlyOnce("5 more values in this list are not finite numbers (15 in total)")
          .filteredOn(m -> m.equals("numbers must be finite, got .nan"))
          .hasSize(10);
    }
  }

  @Nested
  class HostileInput {

    @Test
    void aliasedRowsCannotBuildAHugeMatrix() {
      // Five aliases of one row make a 5x10 matrix from a short text; the limit still holds.
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "groups:\n  a: {size: 10, bias: &r [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}\n"
                  + "  b: {size: 5}\nedges:\n  - {from: a, to: b, weights: [*r, *r, *r, *r, *r]}\n"
                  + "outputs: [b]\n",
              new Limits(100, 100, 100, 20, 100, 100, 100));

      assertThat(problems)
          .extracting(Diagnostic::message)
          .containsExactly("weights of shape [5, 10] have more than 20 values");
    }

    @Test
    void keysWithBadTagsAreReportedOnce() {
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "neurons: {n: null}\n"
                  + "edges:\n  - {from: n, to: n, weights: {!weird file: w.npy}}\n"
                  + "  - {!weird from: n, to: n, weight: 1}\noutputs: [n]\n");

      assertThat(problems)
          .extracting(Diagnostic::message)
          .containsExactly("unsupported tag '!weird'", "unsupported tag '!weird'");
    }
  }

  @Nested
  class ResourceLimits {

    private final Limits small = new Limits(100, 100, 100, 20, 10, 30, 12);

    @Test
    void totalSizeOfNodes() {
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "neurons: {n: null}\ngroups:\n  a: {size: 6}\n  b: {size: 4}\n"
                  + "  c: {size: 1}\nedges:\n  - {from: b, to: c, weights: [1, 1, 1, 1]}\n"
                  + "outputs: [n]\n",
              small);

      assertThat(problems)
          .extracting(d -> d.position().line(), Diagnostic::message)
          .containsExactly(tuple(6, "neurons and groups have more than 10 elements in all"));
    }

    @Test
    void elementsOfOneMatrix() {
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "groups: {a: {size: 5}, b: {size: 5}}\n"
                  + "edges:\n  - {from: a, to: b, weights: {init: normal}}\noutputs: [a]\n",
              small);

      assertThat(problems)
          .extracting(Diagnostic::code, Diagnostic::message)
          .containsExactly(
              tuple(Code.TOO_LARGE, "weights of shape [5, 5] have more than 20 values"));
    }

    @Test
    void weightsOfAllEdges() {
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "groups: {a: {size: 4}, b: {size: 4}}\n"
                  + "edges:\n  - {from: a, to: b, weights: {init: normal}, delay: 0}\n"
                  + "  - {from: b, to: a, weights: {init: normal}, delay: 0}\noutputs: [a]\n",
              small);

      assertThat(problems)
          .extracting(d -> d.position().line(), Diagnostic::message)
          .containsExactly(tuple(6, "edges have more than 30 weights in all"));
    }

    @Test
    void valuesKeptFromEarlierSteps() {
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "inputs: {x: {type: vector, size: 3}}\nneurons: {n: null}\n"
                  + "edges:\n  - {from: \"x[0]\", to: n, weight: 1, delay: 2}\n"
                  + "  - {from: n, to: n, weight: 1}\n"
                  + "  - {from: \"x[1]\", to: n, weight: 1, delay: 4}\noutputs: [n]\n",
              small);

      // x keeps 3 features for 4 steps (12) and n one value for 1 step: 13 > 12.
      assertThat(problems)
          .extracting(d -> d.position().line(), Diagnostic::message)
          .containsExactly(tuple(8, "the model would keep more than 12 values from earlier steps"));
    }
  }

  @Nested
  class Windows {

    @Test
    void oneDeclaredWindowAppliesToTheModel() {
      Spec spec =
          check(
              HEADER
                  + "inputs:\n  x: {type: vector, size: 1}\n"
                  + "  y: {type: vector, size: 1, window: {size: 4, stride: 2, partial: true}}\n"
                  + "  z: {type: vector, size: 1, window: {size: 4, stride: 2, partial: true}}\n"
                  + "neurons: {n: null}\noutputs: [n]\n");

      assertThat(spec.header().window()).isEqualTo(new Window(4, 2, true));
    }

    @Test
    void ngramsMustFitTheSharedWindow() {
      List<Diagnostic> problems =
          problems(
              HEADER
                  + "inputs:\n  x: {type: vector, size: 1, window: {size: 2}}\n"
                  + "  w: {type: tokens, ngrams: [1, 3], vocabulary: [a]}\n"
                  + "neurons: {n: null}\noutputs: [n]\n");

      assertThat(problems)
          .extracting(Diagnostic::message)
          .containsExactly("n-gram length 3 is longer than the window (size 2)");
    }
  }

  @Nested
  class VocabularyFiles {

    @Test
    void readsOneTermPerLine() {
      SpecFiles.write(dir, "vocab.txt", "\uFEFFgood\n  Not Good  \r\n\n\t\nbad\n");

      Spec spec =
          check(
              HEADER
                  + "inputs:\n  w: {type: tokens, window: {size: 3}, ngrams: [1, 2],"
                  + " vocabulary: {file: vocab.txt}}\nneurons: {n: null}\noutputs: [n]\n");

      assertThat(((TokenInput) spec.inputs().get(0).def()).vocabulary())
          .containsExactly("good", "not good", "bad");
      assertThat(spec.header().files()).containsExactly(dir.resolve("vocab.txt"));
    }

    @Test
    void problemsPointIntoTheVocabularyFile() {
      Path vocab = SpecFiles.write(dir, "lists/vocab.txt", "good\nbad\n\nGOOD\nnot good\n");

      List<Diagnostic> problems =
          problems(
              HEADER
                  + "inputs:\n  w: {type: tokens, vocabulary: {file: lists/vocab.txt}}\n"
                  + "neurons: {n: null}\noutputs: [n]\n");

      assertThat(problems)
          .extracting(Diagnostic::position, Diagnostic::message)
          .containsExactly(
              tuple(
                  new SourcePosition(vocab, 4, 1),
                  "duplicate term 'GOOD' ('good' after lowercasing)"),
              tuple(
                  new SourcePosition(vocab, 5, 1),
                  "term 'not good' has 2 words, but ngrams is [1]"));
    }

    @Test
    void unreadableFiles() {
      SpecFiles.write(dir, "latin1.txt", "ok\n");
      java.nio.file.Path bad = dir.resolve("latin1.txt");
      try {
        java.nio.file.Files.write(bad, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }

      List<Diagnostic> problems =
          problems(
              HEADER
                  + "inputs:\n  w: {type: tokens, vocabulary: {file: latin1.txt}}\n"
                  + "  v: {type: tokens, vocabulary: {file: .}}\n"
                  + "neurons: {n: null}\noutputs: [n]\n");

      assertThat(problems)
          .extracting(Diagnostic::message)
          .containsExactly(
              "vocabulary file 'latin1.txt' is not valid UTF-8",
              "cannot read vocabulary file '.': it is a directory");
    }
  }

  @Test
  void reportsEveryIndependentProblemAtOnce() {
    List<Diagnostic> problems =
        problems(
            "rnnc: 1\n"
                + "name: lower\n"
                + "precision: quad\n"
                + "inputs:\n"
                + "  x: {type: vector, size: 2}\n"
                + "neurons:\n"
                + "  a: {activation: tahn}\n"
                + "  b: {bias: .nan}\n"
                + "groups:\n"
                + "  h: {size: 3, colour: red}\n"
                + "edges:\n"
                + "  - {from: x, to: h, weights: [[1, 2]]}\n"
                + "  - {from: a, to: c, weight: 1}\n"
                + "  - {from: \"x[0]\", to: a, weight: 1, delay: auto}\n"
                + "outputs: [a, x]\n"
                + "order: [a, a]\n");

    assertThat(problems)
        .extracting(Diagnostic::code, d -> d.position().line())
        .containsExactly(
            tuple(Code.INVALID_NAME, 2),
            tuple(Code.BAD_VALUE, 3),
            tuple(Code.BAD_VALUE, 7),
            tuple(Code.NON_FINITE, 8),
            tuple(Code.UNKNOWN_KEY, 10),
            tuple(Code.SHAPE_MISMATCH, 12),
            tuple(Code.UNKNOWN_REFERENCE, 13),
            tuple(Code.BAD_VALUE, 14),
            tuple(Code.BAD_REFERENCE, 15),
            tuple(Code.ORDER_INCOMPLETE, 16),
            tuple(Code.ORDER_DUPLICATE, 16));
  }

  @Test
  void mathIsExactOrFast() {
    assertThat(check(HEADER + "math: fast\nneurons: {a: null}\noutputs: [a]\n").header().math())
        .isEqualTo(MathMode.FAST);
    assertThat(check(HEADER + "math: exact\nneurons: {a: null}\noutputs: [a]\n").header().math())
        .isEqualTo(MathMode.EXACT);

    List<Diagnostic> problems = problems(HEADER + "math: fats\nneurons: {a: null}\noutputs: [a]\n");

    assertThat(problems).hasSize(1);
    Diagnostic d = problems.get(0);
    assertThat(d.code()).isEqualTo(Code.BAD_VALUE);
    assertThat(d.position().line()).isEqualTo(3);
    assertThat(d.position().column()).isEqualTo(7);
    assertThat(d.message()).isEqualTo("unknown math 'fats'");
    assertThat(d.hint()).contains("fast");
  }

  @Test
  void namesMayBeJavaKeywords() {
    Spec spec =
        check(
            HEADER
                + "neurons: {class: null, 'null': null}\n"
                + "edges:\n  - class -> null: 1\noutputs: [class, null]\n");

    assertThat(spec.neurons()).extracting(NodeDecl::name).containsExactly("class", "null");
    assertThat(spec.outputs()).extracting(Ref::name).containsExactly("class", "null");
  }

  @Test
  void packageAndPrecision() {
    Spec spec =
        check(
            HEADER
                + "package: com.acme.models_2\nprecision: float\nneurons: {a: null}\n"
                + "outputs: [a]\n");

    assertThat(spec.header().javaPackage()).isEqualTo("com.acme.models_2");
    assertThat(spec.header().precision()).isEqualTo(Precision.FLOAT);
  }
}
