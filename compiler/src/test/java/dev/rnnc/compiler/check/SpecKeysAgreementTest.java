package dev.rnnc.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.check.SpecKeys.Key;
import dev.rnnc.compiler.check.SpecKeys.Kind;
import dev.rnnc.compiler.check.SpecKeys.Section;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.Severity;
import dev.rnnc.compiler.doc.SchemaValidation;
import dev.rnnc.compiler.parse.SpecReader;
import dev.rnnc.compiler.parse.YamlNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The definitions in {@link SpecKeys} tell the truth about the checker, key by key: for every key
 * of every section, values of the declared kind (every choice, the bounds) draw no complaint from
 * either the checker or the schema rendered from the definitions, and values of another kind (or
 * another name, or beyond a bound) draw one from both. So the schema cannot drift from what the
 * checker does, and a key added to the table without the checker's support (or the other way round)
 * fails here.
 */
class SpecKeysAgreementTest {

  @TempDir static Path dir;

  @BeforeAll
  static void files() throws IOException {
    Files.writeString(dir.resolve("vocab.txt"), "good\nbad\n");
    Files.writeString(dir.resolve("w.csv"), "1,0\n0,1\n");
    Files.writeString(dir.resolve("b.csv"), "0.5,1\n");
    Files.write(dir.resolve("m.safetensors"), safetensors());
  }

  /** A safetensors file holding one float64 tensor "w" of shape [2, 2]. */
  private static byte[] safetensors() {
    byte[] header =
        "{\"w\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,32]}}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(8 + header.length + 32)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    for (double v : new double[] {1, 0, 0, 1}) {
      b.putDouble(v);
    }
    return b.array();
  }

  /**
   * A valid spec with one mapping written in block style at {@code BODY}, one key per line, holding
   * the {@code defaults} (required keys, and what other keys need); {@code path} is the JSON path
   * of that mapping.
   */
  private record Template(String text, String indent, String path, Map<String, String> defaults) {

    String render(Map<String, String> body) {
      StringBuilder b = new StringBuilder();
      boolean first = true;
      for (Map.Entry<String, String> e : body.entrySet()) {
        String line = e.getValue() == null ? e.getKey() + ":" : e.getKey() + ": " + e.getValue();
        b.append(first ? indent : indent.replace("- ", "  ")).append(line).append('\n');
        first = false;
      }
      return text.replace("BODY\n", b.toString());
    }

    /** The 1-based line of {@code key} in the text rendered from {@code body}. */
    int line(Map<String, String> body, String key) {
      int before = text.substring(0, text.indexOf("BODY\n")).split("\n", -1).length - 1;
      return before + 1 + new ArrayList<>(body.keySet()).indexOf(key);
    }
  }

  private static final String INPUTS_AND_NODES =
      """
      neurons:
        a: {activation: tanh}
        b: {}
      edges:
        - {from: "x[0]", to: a, weight: 1.0}
        - {from: a, to: b, weight: 0.5}
      outputs: [b]
      """;

  private static Map<String, String> defaults(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static Template template(Section s) {
    String head = "rnnc: 1\nname: Agree\n";
    return switch (s.id()) {
      case "spec" ->
          new Template(
              "BODY\n",
              "",
              "",
              defaults(
                  "rnnc", "1",
                  "name", "Agree",
                  "inputs", "{x: {type: vector, size: 2}}",
                  "neurons", "{a: {activation: tanh}}",
                  "edges", "[{from: \"x[0]\", to: a, weight: 1.0}]",
                  "outputs", "[a]"));
      case "vectorInput" ->
          new Template(
              head + "inputs:\n  x:\nBODY\n" + INPUTS_AND_NODES,
              "    ",
              "/inputs/x",
              defaults("type", "vector", "size", "2"));
      case "tokensInput" ->
          new Template(
              head
                  + "inputs:\n  x: {type: vector, size: 1}\n  words:\nBODY\n"
                  + INPUTS_AND_NODES
                  + "",
              "    ",
              "/inputs/words",
              defaults("type", "tokens", "vocabulary", "[good, bad]"));
      case "window" ->
          new Template(
              head
                  + "inputs:\n  x:\n    type: vector\n    size: 2\n    window:\nBODY\n"
                  + INPUTS_AND_NODES,
              "      ",
              "/inputs/x/window",
              defaults("size", "3"));
      case "vocabularyFile" ->
          new Template(
              head
                  + "inputs:\n  x: {type: vector, size: 1}\n  words:\n    type: tokens\n"
                  + "    vocabulary:\nBODY\n"
                  + INPUTS_AND_NODES,
              "      ",
              "/inputs/words/vocabulary",
              defaults("file", "vocab.txt"));
      case "neuron" ->
          new Template(
              head
                  + "inputs:\n  x: {type: vector, size: 1}\nneurons:\n  a:\nBODY\n"
                  + "edges:\n  - {from: \"x[0]\", to: a, weight: 1.0}\noutputs: [a]\n",
              "    ",
              "/neurons/a",
              defaults("activation", "leaky_relu"));
      case "group" ->
          new Template(
              head + "groups:\n  h:\nBODY\noutputs: [h]\n",
              "    ",
              "/groups/h",
              defaults("size", "2", "activation", "leaky_relu"));
      case "edge" ->
          new Template(
              head + "neurons: {a: {}, b: {}}\nedges:\nBODY\noutputs: [b]\n",
              "  - ",
              "/edges/0",
              defaults("from", "a", "to", "b", "weight", "0.5"));
      case "weightFile" ->
          new Template(
              head
                  + "groups: {h: {size: 2}}\nedges:\n  - from: h\n    to: h\n    delay: 1\n"
                  + "    weights:\nBODY\noutputs: [h]\n",
              "      ",
              "/edges/0/weights",
              defaults("file", "w.csv"));
      case "init" ->
          new Template(
              head
                  + "groups: {h: {size: 2}}\nedges:\n  - from: h\n    to: h\n    delay: 1\n"
                  + "    weights:\nBODY\noutputs: [h]\n",
              "      ",
              "/edges/0/weights",
              defaults("init", "normal"));
      case "diagonal" ->
          new Template(
              head
                  + "groups: {h: {size: 2}}\nedges:\n  - from: h\n    to: h\n    delay: 1\n"
                  + "    weights:\nBODY\noutputs: [h]\n",
              "      ",
              "/edges/0/weights",
              defaults("diagonal", "0.5"));
      default -> throw new AssertionError("add a template for section " + s.id());
    };
  }

  /** Values of the key's kind (beyond its bounds: see {@link #bounds}). */
  private static List<String> good(Key k) {
    if (k.name().equals("tensor")) {
      return List.of("w", "\"w\""); // the tensor in m.safetensors (see with)
    }
    if (k.kind() == Kind.VALUES && !k.requires().isEmpty()) {
      return List.of("0.5"); // beside a cell a list needs gates x size values
    }
    return switch (k.kind()) {
      case VERSION -> List.of("1");
      case CLASS_NAME -> List.of("Agree", "A2b");
      case PACKAGE -> List.of("com.acme.models", "_x.y_1");
      case CHOICE -> k.name().equals("type") ? List.of() : k.choices();
      case NUMBER ->
          k.min() == null && k.max() == null ? List.of("-2.5", "3", "0x10", "1e-3") : List.of();
      case INTEGER -> k.min() == null && k.max() == null ? List.of("-3", "7") : List.of();
      case BOOLEAN -> List.of("true", "false");
      case TEXT -> List.of("\"[a-z]+\"", "'\\w+'");
      case FILE_NAME -> List.of(k.name().equals("file") ? "./" + fileFor(k) : fileFor(k));
      case INPUTS -> List.of("{x: {type: vector, size: 1}}");
      case NEURONS -> List.of("{a: {}, b: null}");
      case GROUPS -> List.of("{g: {size: 3}}");
      case EDGES -> List.of("[]", "[{from: a, to: a, weight: 1}, \"a -> a\": 2]");
      case REFERENCE -> List.of();
      case REFERENCES -> List.of();
      case MATRIX -> List.of("[[0.5]]", "[0.5]", "{init: uniform}");
      case VALUES -> List.of("0.5", "[0.5, -1]", "{file: b.csv}");
      case DELAY -> List.of("auto");
      case WINDOW -> List.of("{size: 2, stride: 2, partial: true}");
      case VOCABULARY -> List.of("[good, 12, true]", "{file: vocab.txt}");
      case NGRAMS -> List.of("[1]");
    };
  }

  private static String fileFor(Key k) {
    return k.description().contains("term") ? "vocab.txt" : "w.csv";
  }

  /** Values of another kind, unknown names, and values the kind's rules exclude. */
  private static List<String> bad(Key k) {
    List<String> common = new ArrayList<>(List.of("[1]", "{q: 1}"));
    List<String> more =
        switch (k.kind()) {
          case VERSION -> List.of("2", "0", "\"1\"");
          case CLASS_NAME -> List.of("my_model", "42", "true");
          case PACKAGE -> List.of("com.1acme", "42");
          case CHOICE -> List.of("nonsense", "42", "true");
          case NUMBER -> List.of("abc", "true", ".nan", ".inf");
          case INTEGER -> List.of("1.5", "abc", "true");
          case BOOLEAN -> List.of("1", "yes", "abc");
          case TEXT -> List.of("42", "true");
          case FILE_NAME -> List.of("42", "\" \"");
          case INPUTS, NEURONS, GROUPS -> List.of("42", "abc");
          case EDGES -> List.of("42", "abc");
          case REFERENCE -> List.of("42", "1.5");
          case REFERENCES -> List.of("abc", "42", "[a, a]");
          case MATRIX -> List.of("abc", "true", "[]", "[[]]", "{}", "{file: w.csv, init: normal}");
          case VALUES -> List.of("abc", "true", "[]", "[abc]", "{}");
          case DELAY -> List.of("soon", "1.5", "true");
          case WINDOW -> List.of("5", "abc", "{}", "{size: 0}");
          case VOCABULARY -> List.of("good", "42", "[]", "{}");
          case NGRAMS -> List.of("1", "[]", "[0]", "[1, 1]", "[1.5]");
        };
    common.addAll(more);
    if (k.kind() == Kind.MATRIX
        || k.kind() == Kind.VALUES
        || k.kind() == Kind.VOCABULARY
        || k.kind() == Kind.NGRAMS) {
      common.remove("[1]"); // a matrix, a vector, a term, an n-gram length
    }
    if (k.kind() == Kind.REFERENCES) {
      common.remove("[1]"); // 1 is no reference: still bad, but also an unknown name to the checker
      common.add("[1]");
    }
    return common;
  }

  /** The bounds of a number, an integer or a delay: the bound itself, and just beyond it. */
  private static void bounds(Key k, List<String> good, List<String> bad) {
    if (k.min() != null) {
      BigInteger min = new BigInteger(k.min().toString());
      (k.minExclusive() ? bad : good).add(min.toString());
      bad.add(min.subtract(BigInteger.ONE).toString());
      if (k.minExclusive()) {
        good.add(k.kind() == Kind.INTEGER ? min.add(BigInteger.ONE).toString() : min + ".5");
      }
    }
    if (k.max() != null) {
      BigInteger max = new BigInteger(k.max().toString());
      good.add(max.toString());
      bad.add(max.add(BigInteger.ONE).toString());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyKeyMeansWhatItsDefinitionSays() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Section s : SpecKeys.SECTIONS) {
      Template t = template(s);
      tests.add(DynamicTest.dynamicTest(s.id() + " template", () -> accepted(t, t.defaults())));
      for (Key k : s.keys()) {
        List<String> good = new ArrayList<>(good(k));
        List<String> bad = new ArrayList<>(bad(k));
        if (k.kind() == Kind.NUMBER || k.kind() == Kind.INTEGER || k.kind() == Kind.DELAY) {
          bounds(k, good, bad);
        }
        if (k.nullable()) {
          good.add(null);
        } else if (k.kind() != Kind.REFERENCE && k.kind() != Kind.REFERENCES) {
          bad.add(null); // a reference 'null' is the name null to the checker
        }
        for (String v : good) {
          tests.add(
              DynamicTest.dynamicTest(
                  s.id() + "." + k.name() + ": " + v + " is fine",
                  () -> noComplaint(t, s, k.name(), v)));
        }
        for (String v : bad) {
          tests.add(
              DynamicTest.dynamicTest(
                  s.id() + "." + k.name() + ": " + v + " is rejected",
                  () -> rejectedByBoth(t, s, k.name(), v)));
        }
      }
      tests.add(
          DynamicTest.dynamicTest(
              s.id() + ": an unknown key is rejected",
              () -> rejectedByBoth(t, s, "bogus_key", "1")));
    }
    return tests.stream();
  }

  @Test
  void everySectionIsReachableFromTheTop() {
    assertThat(SpecKeys.SECTIONS.stream().map(Section::id))
        .containsExactly(
            "spec",
            "vectorInput",
            "tokensInput",
            "window",
            "vocabularyFile",
            "neuron",
            "group",
            "edge",
            "weightFile",
            "init",
            "diagonal");
  }

  /** A value for each key that another key requires beside it. */
  private static final Map<String, String> REQUIRED_BESIDE = Map.of("cell", "lstm");

  /**
   * The template's mapping with {@code key} set: without the keys it excludes (or that exclude it),
   * with the keys it requires, and, for a tensor, a safetensors file to read it from.
   */
  private static Map<String, String> with(Section s, Template t, String key, String value) {
    Map<String, String> body = new LinkedHashMap<>(t.defaults());
    if (s.exactlyOne().contains(key)) {
      s.exactlyOne().forEach(body::remove);
    }
    List<String> wanted = new ArrayList<>(List.of(key));
    if (s.names().contains(key)) {
      for (String required : s.key(key).requires()) {
        body.put(required, REQUIRED_BESIDE.get(required));
        wanted.add(required);
      }
    }
    for (String w : wanted) {
      if (s.names().contains(w)) {
        s.key(w).excludes().forEach(body::remove);
      }
    }
    if (key.equals("tensor")) {
      body.put("file", "m.safetensors");
    }
    body.put(key, value);
    return body;
  }

  private static void accepted(Template t, Map<String, String> body) {
    String text = t.render(body);
    assertThat(checkerErrors(text)).as(text).isEmpty();
    assertThat(SchemaValidation.errors(tree(text))).as(text).isEmpty();
  }

  private static void noComplaint(Template t, Section s, String key, String value) {
    Map<String, String> body = with(s, t, key, value);
    String text = t.render(body);
    int line = t.line(body, key);
    assertThat(checkerErrors(text))
        .as("checker errors on line %d of\n%s", line, text)
        .noneMatch(d -> d.position().line() == line);
    assertThat(SchemaValidation.errors(tree(text))).as("schema errors for\n%s", text).isEmpty();
  }

  private static void rejectedByBoth(Template t, Section s, String key, String value) {
    Map<String, String> body = with(s, t, key, value);
    String text = t.render(body);
    int line = t.line(body, key);
    assertThat(checkerErrors(text))
        .as("checker errors on line %d of\n%s", line, text)
        .anyMatch(d -> d.position().line() == line);
    assertThat(SchemaValidation.errors(tree(text)))
        .as("schema errors for\n%s", text)
        .anyMatch(e -> e.startsWith(t.path() + "/") || e.startsWith(t.path() + ":"));
  }

  private static YamlNode tree(String text) {
    Diagnostics sink = new Diagnostics();
    return SpecReader.parse(text, dir.resolve("spec.yaml"), sink).orElseThrow();
  }

  private static List<Diagnostic> checkerErrors(String text) {
    Diagnostics sink = new Diagnostics();
    Path source = dir.resolve("spec.yaml");
    SpecReader.parse(text, source, sink).ifPresent(t -> SpecChecker.check(t, source, sink));
    return sink.all().stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }
}
