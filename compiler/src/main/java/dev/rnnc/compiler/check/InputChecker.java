package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.parse.YamlMapping;
import dev.rnnc.compiler.parse.YamlNode;
import dev.rnnc.compiler.parse.YamlScalar;
import dev.rnnc.compiler.parse.YamlSequence;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the {@code inputs:} section: vector and tokens inputs, the shared window, vocabularies
 * (inline or from a file), n-gram lengths and token patterns.
 */
final class InputChecker {

  /** Largest vocabulary file. */
  static final long MAX_VOCABULARY_BYTES = 64L * 1024 * 1024;

  private static final List<String> VECTOR_KEYS = SpecKeys.VECTOR_INPUT.names();
  private static final List<String> TOKENS_KEYS = SpecKeys.TOKENS_INPUT.names();
  private static final List<String> WINDOW_KEYS = SpecKeys.WINDOW.names();

  /** A declared input: its name, where it is written, and its value. */
  record Declared(String name, SourcePosition position, YamlNode value, boolean declare) {}

  /** A vocabulary term and where it is written (in the spec or in a vocabulary file). */
  private record Term(String text, String raw, SourcePosition position) {}

  private final Values values;
  private final Diagnostics sink;
  private final WeightReader files;
  private final Set<Path> fileSet;
  private final Symbols symbols;
  private final Limits limits;

  /** The model's window, once {@link #window} has run. */
  private Window window = Window.NONE;

  /** Where the window is first declared, for the buffer limit's message. */
  private SourcePosition windowAt;

  /**
   * Most values a window keeps from earlier elements ({@code (size - 1)} elements of every vector
   * value and token): 2^24, 128 MiB of doubles, so that a session's memory stays bounded.
   */
  static final long MAX_WINDOW_VALUES = 1L << 24;

  /** False if some window was malformed: then n-gram lengths are not checked against it. */
  private boolean windowKnown = true;

  InputChecker(
      Values values, WeightReader files, Set<Path> fileSet, Symbols symbols, Limits limits) {
    this.limits = limits;
    this.values = values;
    this.sink = values.sink();
    this.files = files;
    this.fileSet = fileSet;
    this.symbols = symbols;
  }

  /** The model's window: the one every windowed input declares, or {@link Window#NONE}. */
  Window window() {
    return window;
  }

  /**
   * Checks every input and declares the good ones in the symbol table. Returns the checked inputs;
   * an input with problems is reported and left out.
   */
  List<InputDecl> check(List<Declared> inputs) {
    resolveWindow(inputs);
    List<InputDecl> result = new ArrayList<>();
    for (Declared d : inputs) {
      checkInput(d).ifPresent(result::add);
    }
    long width = 0;
    for (InputDecl in : result) {
      width += in.def() instanceof VectorInput v ? v.size() : 1;
    }
    long kept = (window.size() - 1L) * width;
    if (kept > MAX_WINDOW_VALUES) {
      sink.error(
          Code.TOO_LARGE,
          windowAt,
          "the window keeps "
              + kept
              + " values from earlier elements ("
              + (window.size() - 1)
              + " elements of "
              + width
              + "), more than "
              + MAX_WINDOW_VALUES,
          "use a smaller window or fewer features per element");
    }
    return result;
  }

  private void resolveWindow(List<Declared> inputs) {
    String firstName = null;
    SourcePosition firstAt = null;
    for (Declared d : inputs) {
      if (!(d.value() instanceof YamlMapping m)) {
        continue;
      }
      Optional<YamlMapping.Entry> entry =
          m.entries().stream().filter(e -> "window".equals(e.keyText())).findFirst();
      if (entry.isEmpty()) {
        continue;
      }
      Optional<Window> w = parseWindow(entry.get().value());
      if (w.isEmpty()) {
        windowKnown = false;
        continue;
      }
      if (firstName == null) {
        window = w.get();
        firstName = d.name();
        firstAt = entry.get().key().position();
        windowAt = firstAt;
      } else if (!w.get().equals(window)) {
        sink.error(
            Code.WINDOW_MISMATCH,
            entry.get().key().position(),
            "the window of input '"
                + d.name()
                + "' differs from the window of input '"
                + firstName
                + "'",
            "all inputs of a model share one window; '"
                + firstName
                + "' declares "
                + describe(window)
                + " at line "
                + firstAt.line());
      }
    }
  }

  private static String describe(Window w) {
    return "{size: " + w.size() + ", stride: " + w.stride() + ", partial: " + w.partial() + "}";
  }

  private Optional<Window> parseWindow(YamlNode node) {
    if (!(node instanceof YamlMapping m)) {
      values.wrongType(node, "a mapping such as {size: 5, stride: 1}");
      return Optional.empty();
    }
    Fields f = values.fields(m, WINDOW_KEYS);
    Optional<YamlNode> sizeNode =
        values.required(f, "size", m.position(), "window", "write window: {size: 5}");
    if (sizeNode.isEmpty()) {
      return Optional.empty();
    }
    OptionalLong size = values.integer(sizeNode.get(), "window size", 1, limits.maxWindow());
    OptionalLong stride =
        f.get("stride")
            .map(n -> values.integer(n, "window stride", 1, limits.maxWindow()))
            .orElse(OptionalLong.of(1));
    Optional<Boolean> partial = f.get("partial").map(values::bool).orElse(Optional.of(false));
    if (size.isEmpty() || stride.isEmpty() || partial.isEmpty() || !allKnown(f, m)) {
      return Optional.empty();
    }
    return Optional.of(new Window((int) size.getAsLong(), (int) stride.getAsLong(), partial.get()));
  }

  private static boolean allKnown(Fields f, YamlMapping m) {
    return m.entries().stream().allMatch(e -> e.keyText() != null && f.has(e.keyText()));
  }

  private Optional<InputDecl> checkInput(Declared d) {
    Optional<YamlMapping> mapping =
        values.mapping(d.value(), "a mapping such as {type: vector, size: 3}");
    if (mapping.isEmpty()) {
      declareBroken(d, Symbols.Kind.VECTOR_INPUT);
      return Optional.empty();
    }
    YamlMapping m = mapping.get();
    Optional<YamlNode> typeNode =
        m.entries().stream()
            .filter(e -> "type".equals(e.keyText()))
            .map(YamlMapping.Entry::value)
            .findFirst();
    if (typeNode.isEmpty()) {
      if (values.fields(m, union()).misspelled("type")) {
        declareBroken(d, Symbols.Kind.VECTOR_INPUT);
        return Optional.empty();
      }
      values.missing(
          d.position(), "type", "input '" + d.name() + "'", "add type: vector or type: tokens");
      declareBroken(d, Symbols.Kind.VECTOR_INPUT);
      return Optional.empty();
    }
    Optional<String> type =
        values.choice(
            typeNode.get(),
            "input type",
            SpecKeys.VECTOR_INPUT.choices("type"),
            t -> t.equals("vector") || t.equals("tokens") ? Optional.of(t) : Optional.empty());
    if (type.isEmpty()) {
      values.fields(m, union());
      declareBroken(d, Symbols.Kind.VECTOR_INPUT);
      return Optional.empty();
    }
    return type.get().equals("vector") ? vector(d, m) : tokens(d, m);
  }

  private static List<String> union() {
    Set<String> keys = new LinkedHashSet<>(VECTOR_KEYS);
    keys.addAll(TOKENS_KEYS);
    return List.copyOf(keys);
  }

  private void declareBroken(Declared d, Symbols.Kind kind) {
    if (d.declare()) {
      symbols.declare(new Symbols.Symbol(d.name(), kind, -1, null, false, d.position()));
    }
  }

  private Optional<InputDecl> vector(Declared d, YamlMapping m) {
    Fields f =
        values.fields(
            m,
            VECTOR_KEYS,
            key -> TOKENS_KEYS.contains(key) ? "'" + key + "' applies to tokens inputs" : null);
    OptionalLong size =
        values
            .required(
                f,
                "size",
                d.position(),
                "vector input '" + d.name() + "'",
                "add the number of features, e.g. size: 3")
            .map(n -> values.integer(n, "input size", 1, limits.maxSize()))
            .orElse(OptionalLong.empty());
    Optional<Reduce> reduce =
        f.get("reduce")
            .map(
                n ->
                    values.choice(
                        n,
                        "reduce",
                        SpecKeys.VECTOR_INPUT.choices("reduce"),
                        name -> enumByName(Reduce.values(), name)))
            .orElse(Optional.of(Reduce.MEAN));
    if (d.declare()) {
      symbols.declare(
          new Symbols.Symbol(
              d.name(),
              Symbols.Kind.VECTOR_INPUT,
              size.isPresent() ? (int) size.getAsLong() : -1,
              null,
              false,
              d.position()));
    }
    if (size.isEmpty() || reduce.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new InputDecl(
            new VectorInput(d.name(), (int) size.getAsLong(), reduce.get()), d.position()));
  }

  private Optional<InputDecl> tokens(Declared d, YamlMapping m) {
    Fields f =
        values.fields(
            m,
            TOKENS_KEYS,
            key -> VECTOR_KEYS.contains(key) ? "'" + key + "' applies to vector inputs" : null);
    Optional<TokenFeatures> features =
        f.get("features")
            .map(
                n ->
                    values.choice(
                        n,
                        "features",
                        SpecKeys.TOKENS_INPUT.choices("features"),
                        name -> enumByName(TokenFeatures.values(), name)))
            .orElse(Optional.of(TokenFeatures.PRESENCE));
    Optional<Boolean> lowercase = f.get("lowercase").map(values::bool).orElse(Optional.of(true));
    Optional<List<Integer>> ngrams =
        f.get("ngrams").map(this::ngrams).orElse(Optional.of(List.of(1)));
    Optional<String> pattern =
        f.get("pattern").map(this::pattern).orElse(Optional.of(TokenInput.DEFAULT_PATTERN));
    Optional<List<String>> vocabulary = Optional.empty();
    Optional<YamlNode> vocabularyNode =
        values.required(
            f,
            "vocabulary",
            d.position(),
            "tokens input '" + d.name() + "'",
            "list the terms, e.g. vocabulary: [good, bad, \"not good\"], or {file: vocab.txt}");
    if (vocabularyNode.isPresent()) {
      Optional<List<Term>> terms = terms(vocabularyNode.get());
      if (terms.isPresent() && lowercase.isPresent()) {
        vocabulary =
            vocabulary(terms.get(), f.get("vocabulary").orElseThrow(), lowercase.get(), ngrams);
      }
    }
    if (d.declare()) {
      symbols.declare(
          new Symbols.Symbol(
              d.name(),
              Symbols.Kind.TOKENS_INPUT,
              vocabulary.map(List::size).orElse(-1),
              vocabulary.orElse(null),
              lowercase.orElse(true),
              d.position()));
    }
    if (features.isEmpty()
        || lowercase.isEmpty()
        || ngrams.isEmpty()
        || pattern.isEmpty()
        || vocabulary.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new InputDecl(
            new TokenInput(
                d.name(),
                vocabulary.get(),
                ngrams.get(),
                lowercase.get(),
                pattern.get(),
                features.get()),
            d.position()));
  }

  private Optional<List<Integer>> ngrams(YamlNode node) {
    Optional<YamlSequence> list = values.list(node, "a list of n-gram lengths such as [1, 2]");
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (list.get().items().isEmpty()) {
      sink.error(
          Code.BAD_VALUE,
          node.position(),
          "ngrams must not be empty",
          "write ngrams: [1] for single words");
      return Optional.empty();
    }
    List<Integer> result = new ArrayList<>();
    boolean ok = true;
    for (YamlNode item : list.get().items()) {
      OptionalLong n = values.integer(item, "an n-gram length", 1, Integer.MAX_VALUE);
      if (n.isEmpty()) {
        ok = false;
        continue;
      }
      int length = (int) n.getAsLong();
      if (result.contains(length)) {
        sink.error(Code.BAD_VALUE, item.position(), "n-gram length " + length + " is listed twice");
        ok = false;
        continue;
      }
      if (windowKnown && length > window.size()) {
        sink.error(
            Code.BAD_VALUE,
            item.position(),
            window.equals(Window.NONE)
                ? "n-gram length "
                    + length
                    + " needs a window: without one every token is a"
                    + " step of its own"
                : "n-gram length "
                    + length
                    + " is longer than the window (size "
                    + window.size()
                    + ")",
            "n-grams are formed inside a window; declare window: {size: N} with N >= " + length);
        ok = false;
        continue;
      }
      result.add(length);
    }
    return ok ? Optional.of(List.copyOf(result)) : Optional.empty();
  }

  private Optional<String> pattern(YamlNode node) {
    Optional<String> text = values.string(node);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(text.get());
    } catch (PatternSyntaxException e) {
      SourcePosition at =
          node instanceof YamlScalar s && e.getIndex() >= 0
              ? s.positionAt(e.getIndex())
              : node.position();
      String description = e.getDescription() == null ? "" : e.getDescription();
      sink.error(
          Code.BAD_VALUE,
          at,
          description.isEmpty()
              ? "invalid pattern"
              : "invalid pattern: "
                  + Character.toLowerCase(description.charAt(0))
                  + description.substring(1),
          "patterns are Java regular expressions; in YAML double quotes write a backslash"
              + " as \\\\");
      return Optional.empty();
    } catch (RuntimeException | StackOverflowError e) {
      sink.error(Code.BAD_VALUE, node.position(), "invalid pattern");
      return Optional.empty();
    }
    if (compiled.matcher("").find()) {
      sink.error(
          Code.BAD_VALUE,
          node.position(),
          "pattern matches the empty string",
          "a token has at least one character; use + instead of *");
      return Optional.empty();
    }
    return text;
  }

  // ---- vocabulary --------------------------------------------------------------------------

  private Optional<List<Term>> terms(YamlNode node) {
    if (node instanceof YamlSequence seq) {
      List<Term> terms = new ArrayList<>();
      boolean ok = true;
      for (YamlNode item : seq.items()) {
        if (item instanceof YamlScalar s
            && s.type() != YamlScalar.Type.NULL
            && s.type() != YamlScalar.Type.INVALID) {
          terms.add(new Term(s.value(), s.value(), s.position()));
        } else if (Values.isNull(item)) {
          sink.error(Code.BAD_VOCABULARY, item.position(), "empty vocabulary term");
          ok = false;
        } else {
          values.wrongType(item, "a term (a string)");
          ok = false;
        }
      }
      return ok ? Optional.of(terms) : Optional.empty();
    }
    if (node instanceof YamlMapping m) {
      Fields f = values.fields(m, SpecKeys.VOCABULARY_FILE.names());
      if (!f.has("file")) {
        if (allKnown(f, m)) {
          values.missing(m.position(), "file", "vocabulary", "write {file: vocab.txt}");
        }
        return Optional.empty();
      }
      YamlNode fileNode = f.get("file").orElseThrow();
      return files.path(fileNode).flatMap(path -> readVocabularyFile(path, fileNode));
    }
    values.wrongType(node, "a list of terms or {file: vocab.txt}");
    return Optional.empty();
  }

  /**
   * Reads a vocabulary file: UTF-8, one term per line, surrounding whitespace removed, blank lines
   * ignored.
   */
  private Optional<List<Term>> readVocabularyFile(Path path, YamlNode fileNode) {
    fileSet.add(path);
    SourcePosition at = fileNode.position();
    String shown = ((YamlScalar) fileNode).value();
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        sink.error(
            Code.VOCABULARY_FILE,
            at,
            "cannot read vocabulary file '" + shown + "': it is a directory");
        return Optional.empty();
      }
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        sink.error(
            Code.VOCABULARY_FILE,
            at,
            "cannot read vocabulary file '"
                + shown
                + "': it is not a regular file (a device, pipe"
                + " or socket)");
        return Optional.empty();
      }
      if (Files.size(path) > MAX_VOCABULARY_BYTES) {
        sink.error(
            Code.VOCABULARY_FILE, at, "vocabulary file '" + shown + "' is larger than 64 MiB");
        return Optional.empty();
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      sink.error(
          Code.VOCABULARY_FILE,
          at,
          "cannot read vocabulary file '" + shown + "': no such file",
          "file names are relative to the spec's directory");
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      sink.error(
          Code.VOCABULARY_FILE,
          at,
          "cannot read vocabulary file '" + shown + "': " + e.getMessage());
      return Optional.empty();
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      sink.error(Code.VOCABULARY_FILE, at, "vocabulary file '" + shown + "' is not valid UTF-8");
      return Optional.empty();
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Term> terms = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String term = line.strip();
      if (!term.isEmpty()) {
        int column = line.indexOf(term.charAt(0)) + 1;
        terms.add(new Term(term, term, new SourcePosition(path, i + 1, column)));
      }
    }
    return Optional.of(terms);
  }

  /**
   * Normalizes and checks the terms: lowercased if {@code lowercase}; no empty or oddly spaced
   * terms, no repeats, and every term's word count one of the n-gram lengths (else it could never
   * match).
   */
  private Optional<List<String>> vocabulary(
      List<Term> terms, YamlNode node, boolean lowercase, Optional<List<Integer>> ngrams) {
    if (terms.isEmpty()) {
      sink.error(
          Code.BAD_VOCABULARY, node.position(), "vocabulary is empty", "list at least one term");
      return Optional.empty();
    }
    Map<String, Term> seen = new HashMap<>();
    List<String> result = new ArrayList<>(terms.size());
    boolean ok = true;
    // The first few bad terms are reported one by one; one more error counts the rest.
    TermErrors bad = new TermErrors();
    for (Term t : terms) {
      String term = lowercase ? t.text().toLowerCase(Locale.ROOT) : t.text();
      if (term.isEmpty()) {
        bad.error(Code.BAD_VOCABULARY, t.position(), "empty vocabulary term");
        ok = false;
        continue;
      }
      String normalized = String.join(" ", term.strip().split("\\s+"));
      if (!normalized.equals(term)) {
        bad.error(
            Code.BAD_VOCABULARY,
            t.position(),
            "term '" + t.raw() + "' has extra whitespace",
            "n-gram terms are words joined by single spaces: '" + normalized + "'");
        ok = false;
        continue;
      }
      Term first = seen.putIfAbsent(term, t);
      if (first != null) {
        bad.error(
            Code.BAD_VOCABULARY,
            t.position(),
            "duplicate term '"
                + t.raw()
                + "'"
                + (term.equals(t.raw()) ? "" : " ('" + term + "' after lowercasing)"),
            "first given at line "
                + first.position().line()
                + (first.position().file().equals(t.position().file())
                    ? ""
                    : " of " + first.position().file()));
        ok = false;
        continue;
      }
      if (ngrams.isPresent()) {
        int words = term.split(" ").length;
        if (!ngrams.get().contains(words)) {
          bad.error(
              Code.BAD_VOCABULARY,
              t.position(),
              "term '"
                  + t.raw()
                  + "' has "
                  + words
                  + (words == 1 ? " word" : " words")
                  + ", but ngrams is "
                  + ngrams.get(),
              "add " + words + " to ngrams; otherwise the term can never match");
          ok = false;
          continue;
        }
      }
      result.add(term);
    }
    bad.finish(node);
    return ok ? Optional.of(List.copyOf(result)) : Optional.empty();
  }

  /**
   * Reports the first {@link WeightReader#MAX_VALUE_ERRORS} problems of a vocabulary, then counts.
   */
  private final class TermErrors {
    private int count;

    void error(Code code, SourcePosition at, String message) {
      error(code, at, message, null);
    }

    void error(Code code, SourcePosition at, String message, String hint) {
      if (count++ < WeightReader.MAX_VALUE_ERRORS) {
        sink.error(code, at, message, hint);
      }
    }

    void finish(YamlNode vocabulary) {
      if (count > WeightReader.MAX_VALUE_ERRORS) {
        sink.error(
            Code.BAD_VOCABULARY,
            vocabulary.position(),
            (count - WeightReader.MAX_VALUE_ERRORS)
                + " more problems with terms of this vocabulary ("
                + count
                + " in total)");
      }
    }
  }

  private static <E extends Enum<E>> Optional<E> enumByName(E[] constants, String name) {
    for (E e : constants) {
      if (e.name().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
