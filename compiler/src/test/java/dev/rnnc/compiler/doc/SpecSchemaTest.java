package dev.rnnc.compiler.doc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.SpecFiles;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.parse.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code specs/rnnc.schema.json} is what {@link SpecSchema} renders from the checker's definitions
 * (run with {@code -Dgolden.update=true} to rewrite it after a change to them), and it agrees with
 * the checker: every spec of the repository that the checker accepts, the schema accepts; every
 * spec of the error corpus whose problem is a key, a kind of value, a choice or a range, the schema
 * rejects. The problems it cannot see are listed in {@link #BEYOND_THE_SCHEMA}, with the reason.
 */
class SpecSchemaTest {

  private static final Path SCHEMA = Path.of("../specs/rnnc.schema.json");

  /**
   * Error-corpus specs whose every problem needs more than a schema can say about one value: the
   * whole spec (names, references, shapes, the order), files, or the YAML text itself. SPEC.md
   * ("Editor support") lists the same kinds.
   */
  private static final Map<String, String> BEYOND_THE_SCHEMA =
      Map.ofEntries(
          Map.entry("algebraic-loop.yaml", "the order"),
          Map.entry("bad-pattern.yaml", "what a regular expression matches"),
          Map.entry("bad-reference.yaml", "references"),
          Map.entry("duplicate-name.yaml", "names across sections"),
          Map.entry("input-edge-auto-delay.yaml", "references: whether a source is an input"),
          Map.entry("invalid-package-keyword.yaml", "Java's reserved words"),
          Map.entry("order-contradicts-delay.yaml", "the order"),
          Map.entry("order-incomplete.yaml", "references: every node in order"),
          Map.entry("order-input.yaml", "references"),
          Map.entry("order-unknown.yaml", "references"),
          Map.entry("safetensors.yaml", "files: tensors, their names, shapes and types"),
          Map.entry("unknown-reference.yaml", "references"),
          Map.entry("unknown-term.yaml", "references into a vocabulary"),
          Map.entry("vocabulary-duplicate.yaml", "terms after lowercasing"),
          Map.entry("vocabulary-file-missing.yaml", "files"),
          Map.entry("vocabulary-ngram.yaml", "the words of a term"),
          Map.entry("weight-file.yaml", "files"),
          Map.entry("weight-on-group-edge.yaml", "shapes"),
          Map.entry("window-mismatch.yaml", "windows across inputs"));

  /**
   * Error-corpus specs whose problems are in the YAML text itself (syntax, duplicate keys, tags,
   * aliases, documents): the editor's YAML parser reports those before any schema is consulted, so
   * the schema's verdict is not part of the contract.
   */
  private static final List<String> YAML_LEVEL =
      List.of(
          "duplicate-key.yaml",
          "empty-spec.yaml",
          "multiple-documents.yaml",
          "recursive-alias.yaml",
          "unsupported-tag.yaml",
          "yaml-syntax.yaml",
          "yaml-syntax-unquoted-element.yaml",
          "yaml-tab-indentation.yaml");

  /** Specs outside the error corpus that show what a bad spec gets (README, plugin tests). */
  private static final List<Path> DELIBERATELY_BROKEN =
      List.of(
          Path.of("mistakes/broken.yaml"),
          Path.of("bad-spec-fails/src/main/rnnc/models/bad.yaml"),
          Path.of("bad-spec-fails/src/main/rnnc/models/broken.yaml"));

  @Test
  void theCommittedSchemaIsWhatTheDefinitionsRender() throws IOException {
    String expected = SpecSchema.json();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(SCHEMA, expected, StandardCharsets.UTF_8);
      return;
    }
    assertThat(SCHEMA).as("specs/rnnc.schema.json exists").exists();
    assertThat(Files.readString(SCHEMA, StandardCharsets.UTF_8))
        .as(
            "specs/rnnc.schema.json is stale: regenerate it with mvn -pl compiler -am test"
                + " -Dtest=SpecSchemaTest -Dgolden.update=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false")
        .isEqualTo(expected);
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(SpecSchema.json()).isEqualTo(SpecSchema.json());
  }

  @Test
  void everyPropertyHasADescription() {
    List<String> undescribed = new ArrayList<>();
    undescribedProperties(SpecSchema.schema(), "#", undescribed);
    assertThat(undescribed).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static void undescribedProperties(Object node, String path, List<String> undescribed) {
    if (node instanceof Map<?, ?> m) {
      if (m.get("properties") instanceof Map<?, ?> properties && !path.contains("/dependencies/")) {
        properties.forEach(
            (name, p) -> {
              if (!(p instanceof Map<?, ?> pm) || !(pm.get("description") instanceof String)) {
                undescribed.add(path + "/properties/" + name);
              }
            });
      }
      ((Map<String, Object>) m)
          .forEach((k, v) -> undescribedProperties(v, path + "/" + k, undescribed));
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        undescribedProperties(l.get(i), path + "/" + i, undescribed);
      }
    }
  }

  /** Every spec file of the repository outside the error corpus. */
  static Stream<Path> repositorySpecs() throws IOException {
    List<Path> roots =
        List.of(
            Path.of("../specs"),
            Path.of("../examples"),
            Path.of("../maven-plugin/src/it"),
            SpecFiles.resource("golden"),
            SpecFiles.resource("specs"),
            SpecFiles.resource("train"),
            SpecFiles.resource("pytorch"));
    List<Path> specs = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(p -> p.toString().endsWith(".yaml"))
            .filter(p -> !root.relativize(p).toString().contains("target"))
            .sorted()
            .forEach(specs::add);
      }
    }
    assertThat(specs).hasSizeGreaterThan(30);
    return specs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repositorySpecs")
  void acceptsWhatTheCheckerAccepts(Path spec) {
    Optional<List<String>> errors = SchemaValidation.errors(spec);
    assertThat(errors).as("YAML").isPresent();
    if (accepted(spec)) {
      assertThat(errors.get()).as("schema errors for a spec the checker accepts").isEmpty();
    } else {
      assertThat(DELIBERATELY_BROKEN.stream().anyMatch(spec::endsWith))
          .as(
              "%s is rejected by the checker but is not one of the deliberately broken examples",
              spec)
          .isTrue();
    }
  }

  /** The example specs, where users start from. */
  static Stream<Path> exampleSpecs() throws IOException {
    List<Path> specs = new ArrayList<>();
    for (Path root : List.of(Path.of("../specs"), Path.of("../examples"))) {
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(p -> p.toString().endsWith(".yaml"))
            .filter(p -> !root.relativize(p).toString().contains("target"))
            .sorted()
            .forEach(specs::add);
      }
    }
    return specs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleSpecs")
  void exampleSpecsNameTheSchemaForEditors(Path spec) throws IOException {
    String first = Files.readAllLines(spec, StandardCharsets.UTF_8).get(0);
    String prefix = "# yaml-language-server: $schema=";
    assertThat(first).startsWith(prefix);
    Path schema = spec.getParent().resolve(first.substring(prefix.length())).normalize();
    assertThat(schema).isEqualTo(SCHEMA.normalize());
  }

  @Test
  void marksTheReadmeMistakeThatItCanSee() {
    Optional<List<String>> errors =
        SchemaValidation.errors(Path.of("../specs/examples/mistakes/broken.yaml"));
    // The unknown activation 'sigmoidd'; the unknown reference 'praize' needs the checker.
    assertThat(errors.orElseThrow())
        .isNotEmpty()
        .allMatch(e -> e.startsWith("/neurons/score"))
        .anyMatch(e -> e.startsWith("/neurons/score/activation: "));
  }

  static Stream<Path> errorCorpus() throws IOException {
    try (Stream<Path> files = Files.list(SpecFiles.resource("errors"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorCorpus")
  void rejectsWhatItCanSeeOfTheErrorCorpus(Path spec) {
    assertThat(accepted(spec)).as("the checker rejects " + spec).isFalse();
    String name = spec.getFileName().toString();
    if (YAML_LEVEL.contains(name)) {
      Diagnostics reader = new Diagnostics();
      SpecReader.read(spec, reader);
      assertThat(reader.hasErrors()).as(name + " has a problem at the YAML level").isTrue();
      return;
    }
    Optional<List<String>> errors = SchemaValidation.errors(spec);
    if (BEYOND_THE_SCHEMA.containsKey(name)) {
      assertThat(errors.orElse(List.of()))
          .as("%s is listed as beyond the schema (%s)", name, BEYOND_THE_SCHEMA.get(name))
          .isEmpty();
    } else {
      assertThat(errors).as(name + " is YAML").isPresent();
      assertThat(errors.get())
          .as("%s breaks a rule of keys, kinds or choices; the schema must see it", name)
          .isNotEmpty();
    }
  }

  @Test
  void everyListedExceptionIsInTheCorpus() throws IOException {
    List<String> corpus = errorCorpus().map(p -> p.getFileName().toString()).toList();
    assertThat(corpus).containsAll(BEYOND_THE_SCHEMA.keySet()).containsAll(YAML_LEVEL);
  }

  private static boolean accepted(Path spec) {
    try {
      Compiler.load(spec);
      return true;
    } catch (SpecException e) {
      return false;
    }
  }
}
