package dev.rnnc.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.doc.SchemaValidation;
import dev.rnnc.compiler.ir.Graph;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Robustness of the front end: valid specs, randomly damaged as text (words replaced, characters
 * deleted, inserted or replaced, truncated, lines swapped or repeated, garbage bytes) or as YAML
 * (values of the wrong type, renamed, deleted or added keys), are either accepted or rejected with
 * diagnostics. Nothing else may happen: no other exception, no crash.
 */
class MutatedSpecTest {

  /** Valid specs that between them use every construct of the language the fuzzer can reach. */
  private static final List<String> SEEDS =
      List.of(
          """
          rnnc: 1
          name: WindowSentiment
          package: com.acme.models
          precision: double
          inputs:
            x: {type: vector, size: 3, reduce: max}
            words:
              type: tokens
              window: {size: 5, stride: 1, partial: false}
              features: presence
              vocabulary: [good, great, bad, not, "not good"]
              ngrams: [1, 2]
              lowercase: true
              pattern: "[\\\\p{L}\\\\p{N}']+"
          neurons: {h1: {activation: tanh, bias: 0.1}, out: {activation: sigmoid}}
          groups:  {h: {size: 2, activation: tanh, bias: [0.0, 0.5]}}
          edges:
            - {from: "words[good]", to: h1, weight: 0.8}
            - {from: h1, to: out, weight: 1.2}
            - {from: out, to: h1, weight: -0.5}
            - {from: x, to: h, weights: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]}
            - {from: h, to: h, weights: [[0.5, -0.5], [0.25, 0.75]], delay: 1}
            - "h1 -> out": 0.3
            - from: words[not good]
              to: h[1]
              weight: -1.5
          outputs: [out, h]
          order: [h1, out, h]
          """,
          """
          rnnc: 1
          name: Oscillator
          precision: float
          neurons:
            c: {initial: 1.0}
            s: {initial: 0.0, gain: 0.5}
            energy: {activation: leaky_relu, alpha: 0.2, aggregation: maxabs}
            memory: {aggregation: product, initial: 1.0}
          edges:
            - "c -> c": 0.98
            - s -> c: -0.2
            - "c -> s": 0.2
            - {from: c, to: memory, weight: 1.0, delay: 2}
            - {from: s, to: memory, weight: 1.0, delay: 0}
            - {from: c, to: energy, weight: 1.0, delay: auto}
          outputs: [c, s, energy, memory]
          """,
          """
          # Block style, anchors and a vocabulary file.
          rnnc: 1
          name: Blocks
          inputs:
            sensor:
              type: vector
              size: 2
              window:
                size: 4
                stride: 2
                partial: true
            text:
              type: tokens
              vocabulary:
                file: vocab.txt
              features: counts
              lowercase: false
          groups:
            g:
              size: 3
              activation: elu
              initial: &zeros [0, 0, 0]
              bias: *zeros
          neurons:
            y:
          edges:
            - from: sensor
              to: g
              weights:
                - [1, 0]
                - [0, 1]
                - [0.5, 0.5]
            - from: text
              to: y
              weights: [1, -1]
            - from: g[2]
              to: y
              weight: 2
              delay: 3
            - "sensor[1] -> g": [1, 2, 3]
          outputs:
            - y
            - g[0]
          """,
          """
          # Weights from a file and generated ones.
          rnnc: 1
          name: Reservoir
          inputs:
            u: {type: vector, size: 1}
          groups:
            r: {size: 4, activation: tanh, bias: {file: bias.csv}}
          neurons:
            out: {}
          edges:
            - {from: u, to: r, weights: {init: uniform, scale: 0.5, seed: 1}}
            - {from: r, to: r, weights: {init: normal, seed: 2, density: 0.5, spectral_radius: 0.9}}
            - {from: r, to: out, weights: {file: readout.csv}}
            - "out -> out": {file: gain.npy}
          outputs: [out, r]
          """);

  private static final byte[] GARBAGE_CHARS =
      "[]{}:,-#&*!|>'\"%@`?~\\\n\t 0123456789.eE+abcxyz_->\u00e9\u0000\u0001\r"
          .getBytes(StandardCharsets.UTF_8);

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("rnnc-mutated");
    Files.writeString(dir.resolve("vocab.txt"), "Good\nbad\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("bias.csv"), "0.1,0.2,0.3,0.4\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("readout.csv"), "1,-1,0.5,2\n", StandardCharsets.UTF_8);
    // A 0-d float64 .npy array holding 0.5.
    byte[] header =
        "{'descr': '<f8', 'fortran_order': False, 'shape': (), }".getBytes(StandardCharsets.UTF_8);
    byte[] npy = new byte[10 + 118 + 8];
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
    System.arraycopy(magic, 0, npy, 0, magic.length);
    Arrays.fill(npy, 10, 10 + 117, (byte) ' ');
    System.arraycopy(header, 0, npy, 10, header.length);
    npy[10 + 117] = '\n';
    java.nio.ByteBuffer.wrap(npy, 128, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(0.5);
    Files.write(dir.resolve("gain.npy"), npy);
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Property(
      tries = 1000,
      seed = "20240601",
      shrinking = ShrinkingMode.BOUNDED,
      edgeCases = EdgeCasesMode.NONE)
  void damagedSpecsAreAcceptedOrRejectedWithDiagnostics(@ForAll("damagedSpecs") byte[] spec)
      throws IOException {
    assertAcceptedOrRejected(spec);
  }

  /**
   * The same at the YAML level: values replaced by values of other types, keys renamed, entries
   * deleted or added; so that every part of the checker meets what it does not expect.
   */
  @Property(
      tries = 1000,
      seed = "20240602",
      shrinking = ShrinkingMode.BOUNDED,
      edgeCases = EdgeCasesMode.NONE)
  void retypedSpecsAreAcceptedOrRejectedWithDiagnostics(@ForAll("retypedSpecs") String spec)
      throws IOException {
    assertAcceptedOrRejected(spec.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The JSON Schema never rejects what the checker accepts: specs/rnnc.schema.json is looser than
   * the checker, never stricter, whatever the retyping did.
   */
  @Property(
      tries = 1000,
      seed = "20240603",
      shrinking = ShrinkingMode.BOUNDED,
      edgeCases = EdgeCasesMode.NONE)
  void theSchemaAcceptsEveryRetypedSpecTheCheckerAccepts(@ForAll("retypedOnce") String spec)
      throws IOException {
    Path file = dir.resolve("schema.yaml");
    Files.writeString(file, spec, StandardCharsets.UTF_8);
    boolean accepted;
    try {
      Compiler.readGraph(file);
      accepted = true;
    } catch (SpecException e) {
      accepted = false;
    }
    Statistics.label("accepted by the checker").collect(accepted);
    Statistics.label("accepted by the checker").coverage(c -> c.check(true).count(n -> n >= 50));
    if (accepted) {
      assertThat(SchemaValidation.errors(file).orElseThrow()).as(spec).isEmpty();
    }
  }

  private static void assertAcceptedOrRejected(byte[] spec) throws IOException {
    Path file = dir.resolve("spec.yaml");
    Files.write(file, spec);
    try {
      Graph graph = Compiler.readGraph(file);
      assertThat(graph.nodes()).isNotEmpty();
      assertThat(graph.outputs()).isNotEmpty();
    } catch (SpecException e) {
      List<Diagnostic> diagnostics = e.diagnostics();
      assertThat(diagnostics).isNotEmpty();
      assertThat(new DiagnosticRenderer().render(diagnostics)).isNotEmpty();
    }
  }

  @Property(tries = 8, seed = "1")
  void theSeedsAreValid(@ForAll("seeds") String seed) throws IOException {
    Path file = dir.resolve("seed.yaml");
    Files.writeString(file, seed, StandardCharsets.UTF_8);
    try {
      Compiler.readGraph(file);
    } catch (SpecException e) {
      throw new AssertionError(new DiagnosticRenderer().render(e.diagnostics()), e);
    }
  }

  @Provide
  Arbitrary<String> seeds() {
    return Arbitraries.of(SEEDS);
  }

  @Provide
  Arbitrary<byte[]> damagedSpecs() {
    return Combinators.combine(seeds(), mutation().list().ofMinSize(1).ofMaxSize(4))
        .as(
            (seed, mutations) -> {
              byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
              for (Mutation m : mutations) {
                bytes = m.apply(bytes);
              }
              return bytes;
            });
  }

  @Provide
  Arbitrary<String> retypedSpecs() {
    return retyped(3);
  }

  /** Specs with one edit: many stay valid, which is what the schema property needs. */
  @Provide
  Arbitrary<String> retypedOnce() {
    return retyped(1);
  }

  private Arbitrary<String> retyped(int maxEdits) {
    Arbitrary<TreeEdit> edit =
        Combinators.combine(
                Arbitraries.of(TreeEdit.Kind.class),
                Arbitraries.doubles().between(0, 1).ofScale(4).filter(d -> d < 1),
                yamlValue(),
                yamlKey())
            .as(TreeEdit::new);
    return Combinators.combine(seeds(), edit.list().ofMinSize(1).ofMaxSize(maxEdits))
        .as(
            (seed, edits) -> {
              Object tree = copy(new Load(LoadSettings.builder().build()).loadFromString(seed));
              for (TreeEdit e : edits) {
                e.apply(tree);
              }
              return new Dump(DumpSettings.builder().build()).dumpToString(tree);
            });
  }

  /** Any small YAML value: scalars of every type, short lists and mappings. */
  private static Arbitrary<Object> yamlValue() {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            Arbitraries.of(WORDS).map(w -> (Object) w),
            Arbitraries.integers().between(-3, 12).map(i -> (Object) i),
            Arbitraries.of(
                0.5,
                -1.5,
                1e308,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Long.MAX_VALUE,
                new BigInteger("1" + "0".repeat(400)),
                true,
                false,
                "",
                " "),
            Arbitraries.just(null));
    Arbitrary<Object> list = scalar.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
    Arbitrary<Object> nested =
        list.list().ofMinSize(1).ofMaxSize(3).map(l -> (Object) new ArrayList<>(l));
    Arbitrary<Object> map =
        Combinators.combine(yamlKey(), scalar)
            .as(
                (k, v) -> {
                  Map<Object, Object> m = new LinkedHashMap<>();
                  m.put(k, v);
                  return (Object) m;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, scalar),
        net.jqwik.api.Tuple.of(2, list),
        net.jqwik.api.Tuple.of(1, nested),
        net.jqwik.api.Tuple.of(2, map));
  }

  /** Keys: the language's own (so that the edit reaches deep checks), words, and odd ones. */
  private static Arbitrary<Object> yamlKey() {
    return Arbitraries.oneOf(
        Arbitraries.of(WORDS).map(w -> (Object) w),
        Arbitraries.of(
                "size",
                "type",
                "weights",
                "file",
                "init",
                "spectral_radius",
                "seed",
                "density",
                "vocabulary",
                "ngrams",
                "window",
                "stride",
                "partial",
                "pattern",
                "reduce",
                "features",
                "lowercase",
                "alpha",
                "gain",
                "bias",
                "initial",
                "aggregation",
                "activation",
                "rnnc",
                "name",
                "package",
                "precision",
                "h -> h",
                "x -> y")
            .map(k -> (Object) k),
        Arbitraries.of((Object) 7, (Object) List.of("k"), (Object) true));
  }

  /** One edit of a loaded YAML tree. */
  private record TreeEdit(Kind kind, double at, Object value, Object key) {

    enum Kind {
      REPLACE_VALUE,
      DELETE,
      RENAME_KEY,
      ADD
    }

    @SuppressWarnings("unchecked")
    void apply(Object tree) {
      List<Object[]> slots = new ArrayList<>();
      collect(tree, slots);
      if (slots.isEmpty()) {
        return;
      }
      Object[] slot = slots.get((int) (at * slots.size()));
      Object container = slot[0];
      Object where = slot[1];
      if (container instanceof Map<?, ?> raw) {
        Map<Object, Object> m = (Map<Object, Object>) raw;
        switch (kind) {
          case REPLACE_VALUE -> m.put(where, value);
          case DELETE -> m.remove(where);
          case RENAME_KEY -> {
            Map<Object, Object> renamed = new LinkedHashMap<>();
            m.forEach((k, v) -> renamed.put(k.equals(where) ? key : k, v));
            m.clear();
            m.putAll(renamed);
          }
          case ADD -> m.put(key, value);
        }
      } else {
        List<Object> l = (List<Object>) container;
        int i = (Integer) where;
        switch (kind) {
          case REPLACE_VALUE, RENAME_KEY -> l.set(i, value);
          case DELETE -> l.remove(i);
          case ADD -> l.add(i, value);
        }
      }
    }

    /** Every (container, key or index) pair in the tree, depth first. */
    private static void collect(Object node, List<Object[]> slots) {
      if (node instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          slots.add(new Object[] {m, e.getKey()});
          collect(e.getValue(), slots);
        }
      } else if (node instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          slots.add(new Object[] {l, i});
          collect(l.get(i), slots);
        }
      }
    }
  }

  /** A mutable deep copy (aliases in the seed become separate values). */
  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(copy(v)));
      return out;
    }
    return node;
  }

  /** One random change, its positions given as fractions of the current length. */
  private record Mutation(Kind kind, double at, double to, byte[] text) {

    enum Kind {
      DELETE,
      INSERT,
      REPLACE,
      TRUNCATE,
      SWAP_LINES,
      REPEAT_LINE,
      GARBAGE,
      WORD
    }

    byte[] apply(byte[] in) {
      int n = in.length;
      int i = (int) (at * n);
      return switch (kind) {
        case DELETE -> {
          int len = Math.min(n - i, 1 + (int) (to * 8));
          yield concat(Arrays.copyOfRange(in, 0, i), Arrays.copyOfRange(in, i + len, n));
        }
        case INSERT -> concat(Arrays.copyOfRange(in, 0, i), text, Arrays.copyOfRange(in, i, n));
        case REPLACE -> {
          byte[] out = in.clone();
          for (int k = 0; k < text.length && i + k < n; k++) {
            out[i + k] = text[k];
          }
          yield out;
        }
        case TRUNCATE -> Arrays.copyOf(in, i);
        case SWAP_LINES, REPEAT_LINE -> {
          List<byte[]> lines = lines(in);
          int a = (int) (at * lines.size());
          int b = (int) (to * lines.size());
          if (kind == Kind.SWAP_LINES) {
            byte[] t = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, t);
          } else {
            lines.add(b, lines.get(a));
          }
          yield concat(lines.toArray(new byte[0][]));
        }
        case GARBAGE -> concat(Arrays.copyOfRange(in, 0, i), text, Arrays.copyOfRange(in, i, n));
        case WORD -> {
          // Replace the word (run of letters, digits, '_' and '.') at or after i.
          int start = i;
          while (start < n && !isWordByte(in[start])) {
            start++;
          }
          int end = start;
          while (end < n && isWordByte(in[end])) {
            end++;
          }
          yield concat(Arrays.copyOfRange(in, 0, start), text, Arrays.copyOfRange(in, end, n));
        }
      };
    }

    private static boolean isWordByte(byte b) {
      return Character.isLetterOrDigit(b) || b == '_' || b == '.';
    }

    private static List<byte[]> lines(byte[] in) {
      List<byte[]> lines = new ArrayList<>();
      int start = 0;
      for (int k = 0; k < in.length; k++) {
        if (in[k] == '\n') {
          lines.add(Arrays.copyOfRange(in, start, k + 1));
          start = k + 1;
        }
      }
      lines.add(Arrays.copyOfRange(in, start, in.length));
      return lines;
    }

    private static byte[] concat(byte[]... parts) {
      int length = 0;
      for (byte[] p : parts) {
        length += p.length;
      }
      byte[] out = new byte[length];
      int pos = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, pos, p.length);
        pos += p.length;
      }
      return out;
    }
  }

  /**
   * Words and small YAML values to put in place of a word: the damaged spec usually still parses,
   * so that the checker meets every kind of value where it expects another.
   */
  private static final List<String> WORDS =
      List.of(
          "h",
          "h1",
          "out",
          "x",
          "words",
          "g",
          "y",
          "c",
          "s",
          "size",
          "weight",
          "weights",
          "delay",
          "auto",
          "from",
          "to",
          "order",
          "outputs",
          "inputs",
          "neurons",
          "groups",
          "edges",
          "window",
          "vocabulary",
          "ngrams",
          "tanh",
          "elu",
          "product",
          "vector",
          "tokens",
          "null",
          "true",
          "0",
          "1",
          "2",
          "3",
          "-1",
          "0.5",
          "1e999",
          ".nan",
          "-.inf",
          "0x1F",
          "h[0]",
          "h[9]",
          "words[good]",
          "x[3]",
          "init",
          "normal",
          "file",
          "float",
          "[1, [2]]",
          "{a: 1}",
          "{[x]: 1}",
          "[{k: v}]",
          "!!str 1",
          "!weird x",
          "[]",
          "{}",
          "~",
          "'q'",
          "\"a -> b\"",
          "&a [1]",
          "*a",
          "? [k]");

  private static Arbitrary<Mutation> mutation() {
    Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 1).ofScale(4).filter(d -> d < 1);
    Arbitrary<byte[]> yamlish =
        Arbitraries.of(toBoxed(GARBAGE_CHARS))
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .map(MutatedSpecTest::toBytes);
    Arbitrary<byte[]> garbage =
        Arbitraries.bytes().list().ofMinSize(1).ofMaxSize(8).map(MutatedSpecTest::toBytes);
    Arbitrary<byte[]> word = Arbitraries.of(WORDS).map(w -> w.getBytes(StandardCharsets.UTF_8));
    Arbitrary<Mutation.Kind> kinds =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(6, Mutation.Kind.WORD),
            net.jqwik.api.Tuple.of(2, Mutation.Kind.DELETE),
            net.jqwik.api.Tuple.of(2, Mutation.Kind.INSERT),
            net.jqwik.api.Tuple.of(2, Mutation.Kind.REPLACE),
            net.jqwik.api.Tuple.of(1, Mutation.Kind.TRUNCATE),
            net.jqwik.api.Tuple.of(1, Mutation.Kind.SWAP_LINES),
            net.jqwik.api.Tuple.of(1, Mutation.Kind.REPEAT_LINE),
            net.jqwik.api.Tuple.of(1, Mutation.Kind.GARBAGE));
    return Combinators.combine(kinds, fraction, fraction, yamlish, garbage, word)
        .as(
            (kind, at, to, text, bytes, w) ->
                new Mutation(
                    kind,
                    at,
                    to,
                    switch (kind) {
                      case GARBAGE -> bytes;
                      case WORD -> w;
                      default -> text;
                    }));
  }

  private static Byte[] toBoxed(byte[] bytes) {
    Byte[] boxed = new Byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      boxed[i] = bytes[i];
    }
    return boxed;
  }

  private static byte[] toBytes(List<Byte> list) {
    byte[] out = new byte[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
