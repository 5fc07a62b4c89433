package dev.rnnc.compiler.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

  private static final Path SPEC = Path.of("spec.yaml");

  private final Diagnostics sink = new Diagnostics();

  private Optional<YamlNode> parse(String text) {
    return SpecReader.parse(text, SPEC, sink);
  }

  private Diagnostic onlyError() {
    assertThat(sink.all()).hasSize(1);
    return sink.all().get(0);
  }

  private static SourcePosition at(int line, int column) {
    return new SourcePosition(SPEC, line, column);
  }

  @Nested
  class Tree {

    @Test
    void keepsPositionsTypesAndOrder() {
      YamlMapping root =
          (YamlMapping) parse("rnnc: 1\nname: 'Quoted'\nlist: [1.5, true, ~, x]\n").orElseThrow();

      assertThat(sink.all()).isEmpty();
      assertThat(root.position()).isEqualTo(at(1, 1));
      assertThat(root.entries())
          .extracting(YamlMapping.Entry::keyText)
          .containsExactly("rnnc", "name", "list");
      YamlScalar version = (YamlScalar) root.entries().get(0).value();
      assertThat(version.type()).isEqualTo(YamlScalar.Type.INTEGER);
      assertThat(version.position()).isEqualTo(at(1, 7));
      YamlScalar name = (YamlScalar) root.entries().get(1).value();
      assertThat(name.type()).isEqualTo(YamlScalar.Type.STRING);
      assertThat(name.plain()).isFalse();
      YamlSequence list = (YamlSequence) root.entries().get(2).value();
      assertThat(list.items())
          .extracting(n -> ((YamlScalar) n).type())
          .containsExactly(
              YamlScalar.Type.FLOAT,
              YamlScalar.Type.BOOLEAN,
              YamlScalar.Type.NULL,
              YamlScalar.Type.STRING);
      assertThat(list.items().get(3).position()).isEqualTo(at(3, 22));
    }

    @Test
    void yaml11ValuesAreStringsUnderTheCoreSchema() {
      YamlMapping root = (YamlMapping) parse("a: yes\nb: off\nc: 0o17\nd: 0x1F\n").orElseThrow();

      assertThat(root.entries())
          .extracting(e -> ((YamlScalar) e.value()).type())
          .containsExactly(
              YamlScalar.Type.STRING,
              YamlScalar.Type.STRING,
              YamlScalar.Type.INTEGER,
              YamlScalar.Type.INTEGER);
    }

    @Test
    void aliasesShareTheAnchoredValue() {
      YamlMapping root = (YamlMapping) parse("a: &v [1, 2]\nb: *v\n").orElseThrow();

      assertThat(sink.all()).isEmpty();
      assertThat(root.entries().get(1).value()).isSameAs(root.entries().get(0).value());
    }

    @Test
    void positionInsideAScalarIsExactForPlainAndQuotedScalars() {
      YamlSequence edges =
          (YamlSequence) parse("- a -> b: 1\n- \"c -> d\": 2\n- \"e\\t -> f\": 3\n").orElseThrow();

      YamlScalar plain = firstKey(edges.items().get(0));
      YamlScalar quoted = firstKey(edges.items().get(1));
      YamlScalar escaped = firstKey(edges.items().get(2));
      assertThat(plain.positionAt(5)).isEqualTo(at(1, 8));
      assertThat(quoted.positionAt(5)).isEqualTo(at(2, 9));
      // An escape makes the source longer than the value: fall back to the scalar's start.
      assertThat(escaped.positionAt(6)).isEqualTo(at(3, 3));
    }

    private YamlScalar firstKey(YamlNode mapping) {
      return (YamlScalar) ((YamlMapping) mapping).entries().get(0).key();
    }

    @Test
    void aByteOrderMarkIsIgnored() {
      assertThat(parse("\uFEFFrnnc: 1\n")).isPresent();
      assertThat(sink.all()).isEmpty();
    }
  }

  @Nested
  class SyntaxErrors {

    @Test
    void reportsTheProblemPosition() {
      assertThat(parse("a: [1, 2\nb: 3\n")).isEmpty();

      Diagnostic d = onlyError();
      assertThat(d.code()).isEqualTo(Code.YAML_SYNTAX);
      assertThat(d.position()).isEqualTo(at(2, 2));
      assertThat(d.message()).startsWith("expected ',' or ']'");
    }

    @Test
    void hintsAtQuotingBracketedNamesInFlowCollections() {
      parse("edges:\n  - {from: \"x[0]\", to: h[1], weight: 1}\n");

      Diagnostic d = onlyError();
      assertThat(d.position()).isEqualTo(at(2, 25));
      assertThat(d.hint()).isEqualTo("names like x[0] must be quoted inside { } or [ ]: \"h[1]\"");
    }

    @Test
    void noBracketHintForOtherErrors() {
      parse("a: 'unterminated\n");

      assertThat(onlyError().hint()).doesNotContain("quoted inside");
    }

    @Test
    void tabIndentationGetsAPlainExplanation() {
      parse("a:\n\tb: 1\n");

      Diagnostic d = onlyError();
      assertThat(d.message()).isEqualTo("found a tab character that cannot start any token");
      assertThat(d.hint()).contains("indent with spaces");
    }

    @Test
    void controlCharactersAreReportedWhereTheyAre() {
      parse("a: 1\nb: x\u0001y\n");

      Diagnostic d = onlyError();
      assertThat(d.message()).isEqualTo("character U+0001 is not allowed in YAML");
      assertThat(d.position()).isEqualTo(at(2, 5));
    }

    @Test
    void multipleDocumentsAreRejectedAtTheSecond() {
      parse("a: 1\n---\nb: 2\n");

      Diagnostic d = onlyError();
      assertThat(d.code()).isEqualTo(Code.MULTIPLE_DOCUMENTS);
      assertThat(d.position()).isEqualTo(at(2, 1));
    }

    @Test
    void emptyAndCommentOnlyFilesAreEmptySpecs() {
      for (String text : List.of("", "# nothing\n", "---\n", "\n\n")) {
        Diagnostics fresh = new Diagnostics();
        assertThat(SpecReader.parse(text, SPEC, fresh)).as(text).isEmpty();
        assertThat(fresh.all())
            .as(text)
            .singleElement()
            .satisfies(
                d -> {
                  assertThat(d.code()).isEqualTo(Code.EMPTY_SPEC);
                  assertThat(d.position()).isEqualTo(at(1, 1));
                });
      }
    }
  }

  @Nested
  class Limits {

    @Test
    void rejectsAliasBombs() {
      StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
      for (int i = 1; i <= 9; i++) {
        yaml.append("a").append(i).append(": &a").append(i).append(" [");
        for (int j = 0; j < 10; j++) {
          yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
        }
        yaml.append("]\n");
      }

      assertThat(parse(yaml.toString())).isEmpty();

      Diagnostic d = onlyError();
      assertThat(d.code()).isEqualTo(Code.TOO_MANY_ALIASES);
      assertThat(d.message()).isEqualTo("more than 50 aliases refer to lists or mappings");
      // The 51st alias of a list: a6's first item.
      assertThat(d.position()).isEqualTo(at(7, 10));
    }

    @Test
    void fiftyAliasesOfListsAreFine() {
      StringBuilder yaml = new StringBuilder("a: &a [1]\nb: [");
      for (int j = 0; j < SpecReader.MAX_COLLECTION_ALIASES; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a");
      }
      yaml.append("]\n");

      assertThat(parse(yaml.toString())).isPresent();
      assertThat(sink.all()).isEmpty();
    }

    @Test
    void aliasesOfScalarsAreNotLimited() {
      StringBuilder yaml = new StringBuilder("a: &a 1\nb: [");
      for (int j = 0; j < 1000; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a");
      }
      yaml.append("]\n");

      assertThat(parse(yaml.toString())).isPresent();
      assertThat(sink.all()).isEmpty();
    }

    @Test
    void rejectsNestingDeeperThan100Levels() {
      String deep = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";

      assertThat(parse(deep)).isEmpty();

      Diagnostic d = onlyError();
      assertThat(d.code()).isEqualTo(Code.TOO_DEEP);
      assertThat(d.message()).isEqualTo("lists and mappings are nested deeper than 100 levels");
      // The top-level mapping is level 1, so the 100th bracket opens level 101.
      assertThat(d.position()).isEqualTo(at(1, 103));
    }

    @Test
    void acceptsNesting100LevelsDeep() {
      String deep = "a: " + "[".repeat(99) + "]".repeat(99) + "\n";

      assertThat(parse(deep)).isPresent();
      assertThat(sink.all()).isEmpty();
    }

    @Test
    void veryDeepNestingDoesNotOverflowTheStack() {
      String deep = "[".repeat(200_000) + "]".repeat(200_000);

      assertThat(parse(deep)).isEmpty();
      assertThat(onlyError().code()).isEqualTo(Code.TOO_DEEP);
    }

    @Test
    void rejectsFilesOver64MiBBeforeReadingThem(@TempDir Path dir) throws IOException {
      Path big = dir.resolve("big.yaml");
      try (var out = Files.newOutputStream(big)) {
        byte[] line =
            "# padding padding padding padding padding padding padding padding\n"
                .getBytes(StandardCharsets.UTF_8);
        long written = 0;
        while (written <= SpecReader.MAX_BYTES) {
          out.write(line);
          written += line.length;
        }
      }

      assertThat(SpecReader.read(big, sink)).isEmpty();

      Diagnostic d = onlyError();
      assertThat(d.code()).isEqualTo(Code.TOO_LARGE);
      assertThat(d.position()).isEqualTo(new SourcePosition(big, 1, 1));
      assertThat(d.message()).startsWith("spec is larger than 64 MiB");
    }

    @Test
    void rejectsTextOver64MiB() {
      String big = "a: 1\n" + "#".repeat(SpecReader.MAX_BYTES);

      assertThat(parse(big)).isEmpty();
      assertThat(onlyError().code()).isEqualTo(Code.TOO_LARGE);
    }
  }

  @Nested
  class FilesOnDisk {

    @Test
    void missingFile(@TempDir Path dir) {
      Path missing = dir.resolve("nope.yaml");

      assertThat(SpecReader.read(missing, sink)).isEmpty();

      Diagnostic d = onlyError();
      assertThat(d.code()).isEqualTo(Code.READ_ERROR);
      assertThat(d.message()).isEqualTo("cannot read spec: no such file");
      assertThat(d.position()).isEqualTo(SourcePosition.startOf(missing));
    }

    @Test
    void directory(@TempDir Path dir) {
      assertThat(SpecReader.read(dir, sink)).isEmpty();
      assertThat(onlyError().message()).isEqualTo("cannot read spec: it is a directory");
    }

    @Test
    void invalidUtf8IsReportedWhereItStarts(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("latin1.yaml");
      Files.write(file, new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', 'c', (byte) 0xE9});

      assertThat(SpecReader.read(file, sink)).isEmpty();

      Diagnostic d = onlyError();
      assertThat(d.code()).isEqualTo(Code.ENCODING);
      assertThat(d.position()).isEqualTo(new SourcePosition(file, 2, 5));
    }
  }

  @Nested
  class TagsAndKeys {

    @Test
    void reportsEveryDuplicateKeyAndKeepsTheFirst() {
      YamlMapping root = (YamlMapping) parse("a: 1\nb: {x: 1, x: 2}\na: 3\n").orElseThrow();

      assertThat(sink.all())
          .extracting(Diagnostic::code, Diagnostic::position, Diagnostic::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  Code.DUPLICATE_KEY, at(2, 11), "duplicate key 'x'"),
              org.assertj.core.groups.Tuple.tuple(
                  Code.DUPLICATE_KEY, at(3, 1), "duplicate key 'a'"));
      assertThat(root.entries()).hasSize(2);
      assertThat(((YamlScalar) root.entries().get(0).value()).value()).isEqualTo("1");
    }

    @Test
    void mergeKeysAreOrdinaryKeys() {
      YamlMapping root = (YamlMapping) parse("a: &x {k: 1}\nb: {<<: *x}\n").orElseThrow();

      assertThat(sink.all()).isEmpty();
      YamlMapping b = (YamlMapping) root.entries().get(1).value();
      assertThat(b.entries()).extracting(YamlMapping.Entry::keyText).containsExactly("<<");
    }

    @Test
    void standardTagsAreAllowedAndChecked() {
      YamlMapping root =
          (YamlMapping)
              parse("a: !!str 12\nb: !!float 3\nc: !!int x\nd: !!set {a}\n").orElseThrow();

      assertThat(((YamlScalar) root.entries().get(0).value()).type())
          .isEqualTo(YamlScalar.Type.STRING);
      assertThat(((YamlScalar) root.entries().get(1).value()).type())
          .isEqualTo(YamlScalar.Type.FLOAT);
      assertThat(((YamlScalar) root.entries().get(2).value()).type())
          .isEqualTo(YamlScalar.Type.INVALID);
      assertThat(sink.all())
          .extracting(Diagnostic::message)
          .containsExactly("'x' is not a valid !!int value", "unsupported tag '!!set'");
    }

    @Test
    void recursiveAliasesAreReported() {
      parse("a: &r [1, *r]\n");

      Diagnostic d = onlyError();
      assertThat(d.code()).isEqualTo(Code.RECURSIVE_ALIAS);
      assertThat(d.position()).isEqualTo(at(1, 4));
    }
  }

  @Test
  void anUnsupportedYamlVersionIsNamed() {
    assertThat(parse("%YAML 2.0\n---\nrnnc: 1\n")).isEmpty();
    Diagnostic d = onlyError();
    assertThat(d.position()).isEqualTo(at(1, 1));
    assertThat(d.message()).isEqualTo("unsupported YAML version '2.0'; rnnc reads YAML 1.2");
    assertThat(d.hint()).isEqualTo("remove the %YAML line, or write %YAML 1.2");
  }
}
