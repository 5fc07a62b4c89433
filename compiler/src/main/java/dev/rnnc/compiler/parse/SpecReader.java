package dev.rnnc.compiler.parse;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The first phase: reads a spec file into a {@link YamlNode} tree with positions, reporting what is
 * wrong at the YAML level (syntax, encoding, size, nesting, aliases, tags, duplicate keys).
 *
 * <p>Only the YAML 1.2 core schema is accepted: no custom or language-specific tags, no merge keys
 * ({@code <<}), one document per file. Limits keep hostile input cheap: at most {@link #MAX_BYTES}
 * per file, {@link #MAX_DEPTH} levels of nesting and {@link #MAX_COLLECTION_ALIASES} aliases of
 * lists or mappings.
 */
public final class SpecReader {

  /** Largest accepted spec: 64 MiB (and as many code points). */
  public static final int MAX_BYTES = 64 * 1024 * 1024;

  /** Deepest accepted nesting of lists and mappings (the top-level mapping is level 1). */
  public static final int MAX_DEPTH = 100;

  /** Most aliases that may refer to a list or mapping (aliases of scalars are not limited). */
  public static final int MAX_COLLECTION_ALIASES = 50;

  /**
   * Most values (scalars, lists and mappings) in one spec: enough for a million edges, and a bound
   * on memory while the spec is read (about 100 bytes a value, since nodes are composed straight
   * from the parser's events); large matrices belong in .npy or .csv files.
   */
  public static final int MAX_VALUES = 8_000_000;

  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");

  private final Path source;
  private final String text;
  private final Diagnostics sink;

  /** Anchors defined so far, and those whose list or mapping is still being read. */
  private final Map<Anchor, YamlNode> anchors = new HashMap<>();

  private final Set<Anchor> composing = new HashSet<>();
  private final Map<Anchor, SourcePosition> openAnchors = new HashMap<>();
  private ScalarResolver scalarResolver;

  private SpecReader(Path source, String text, Diagnostics sink) {
    this.source = source;
    this.text = text;
    this.sink = sink;
  }

  /**
   * Reads and parses a spec file. Returns the document's root, or empty if the file could not be
   * read or parsed at all; problems are reported into {@code sink} (a tree may come back together
   * with errors, e.g. for a duplicate key, so that later phases can report more problems).
   */
  public static Optional<YamlNode> read(Path file, Diagnostics sink) {
    SourcePosition start = SourcePosition.startOf(file);
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        sink.error(Code.READ_ERROR, start, "cannot read spec: it is a directory");
        return Optional.empty();
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        reportTooLarge(start, " (" + size + " bytes)", sink);
        return Optional.empty();
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      sink.error(Code.READ_ERROR, start, "cannot read spec: no such file");
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      sink.error(Code.READ_ERROR, start, "cannot read spec: " + describe(e));
      return Optional.empty();
    }
    if (bytes.length > MAX_BYTES) {
      reportTooLarge(start, " (" + bytes.length + " bytes)", sink);
      return Optional.empty();
    }
    Optional<String> text = decodeUtf8(bytes, file, sink);
    return text.flatMap(t -> parse(t, file, sink));
  }

  /** Parses spec text as if read from {@code source} (used for positions). */
  public static Optional<YamlNode> parse(String text, Path source, Diagnostics sink) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    if (text.length() > MAX_BYTES && text.codePointCount(0, text.length()) > MAX_BYTES) {
      reportTooLarge(SourcePosition.startOf(source), "", sink);
      return Optional.empty();
    }
    return new SpecReader(source, text, sink).parse();
  }

  private static void reportTooLarge(SourcePosition at, String size, Diagnostics sink) {
    sink.error(
        Code.TOO_LARGE,
        at,
        "spec is larger than 64 MiB" + size,
        "keep large weights in .npy or .csv files and refer to them with {file: ...}");
  }

  private Optional<YamlNode> parse() {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source.toString())
            .setSchema(new SpecSchema())
            .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
            .setAllowRecursiveKeys(false)
            .setCodePointLimit(MAX_BYTES)
            .setUseMarks(true)
            .build();
    GuardedParser parser =
        new GuardedParser(
            new ParserImpl(settings, new StreamReader(settings, text)),
            MAX_DEPTH,
            MAX_COLLECTION_ALIASES,
            MAX_VALUES);
    // Nodes are built straight from the parser's events: snakeyaml's own node tree would cost
    // several hundred bytes per value more, for as long as the spec is read.
    scalarResolver = settings.getSchema().getScalarResolver();
    YamlNode document;
    try {
      parser.next(); // StreamStart
      if (parser.checkEvent(Event.ID.StreamEnd)) {
        sink.error(
            Code.EMPTY_SPEC,
            SourcePosition.startOf(source),
            "empty spec",
            "a spec starts with 'rnnc: 1' and 'name: ...'");
        return Optional.empty();
      }
      parser.next(); // DocumentStart
      document = compose(parser);
      parser.next(); // DocumentEnd
      if (!parser.checkEvent(Event.ID.StreamEnd)) {
        sink.error(
            Code.MULTIPLE_DOCUMENTS,
            position(parser.peekEvent().getStartMark()),
            "a spec must be a single YAML document",
            "remove the '---' separator or split the file into one spec per model");
        return Optional.empty();
      }
    } catch (GuardedParser.LimitExceeded e) {
      reportLimit(e);
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      reportSyntax(e);
      return Optional.empty();
    } catch (ReaderException e) {
      reportBadCharacter(e);
      return Optional.empty();
    } catch (YamlEngineException e) {
      reportUnmarked(e, parser.lastMark());
      return Optional.empty();
    } catch (RuntimeException e) {
      // The engine failed in an unexpected way on malformed input; still a bad spec, not a crash.
      sink.error(
          Code.YAML_SYNTAX, position(parser.lastMark()), "cannot parse the spec: " + describe(e));
      return Optional.empty();
    }
    if (document instanceof YamlScalar s
        && s.type() == YamlScalar.Type.NULL
        && s.value().isEmpty()) {
      sink.error(
          Code.EMPTY_SPEC,
          SourcePosition.startOf(source),
          "empty spec",
          "a spec starts with 'rnnc: 1' and 'name: ...'");
      return Optional.empty();
    }
    return Optional.of(document);
  }

  // ---- problems found by the engine -------------------------------------------------------

  private void reportLimit(GuardedParser.LimitExceeded e) {
    SourcePosition at = position(e.mark());
    switch (e.kind()) {
      case DEPTH ->
          sink.error(
              Code.TOO_DEEP,
              at,
              "lists and mappings are nested deeper than " + MAX_DEPTH + " levels");
      case ALIASES ->
          sink.error(
              Code.TOO_MANY_ALIASES,
              at,
              "more than " + MAX_COLLECTION_ALIASES + " aliases refer to lists or mappings",
              "aliases of lists and mappings can expand a small file into a huge document;"
                  + " write the values out");
      case NODES ->
          sink.error(
              Code.TOO_LARGE,
              at,
              "the spec holds more than "
                  + String.format(java.util.Locale.ROOT, "%,d", MAX_VALUES)
                  + " values",
              "put large matrices in .npy or .csv files: weights: {file: w.npy}");
    }
  }

  private void reportSyntax(MarkedYamlEngineException e) {
    if (reportYamlVersion()) {
      return;
    }
    Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String message = cleanProblem(problem);
    if (message.isEmpty()) {
      message = e.getContext() == null ? "invalid YAML" : cleanProblem(e.getContext());
    }
    String hint = bracketHint(mark).or(() -> bracketHint(e.getContextMark())).orElse(null);
    if (hint == null && problem.contains("(TAB)")) {
      hint = "indent with spaces; YAML does not allow tabs for indentation";
    }
    if (hint == null
        && e.getContext() != null
        && e.getContextMark().isPresent()
        && !message.equals(cleanProblem(e.getContext()))) {
      SourcePosition context = position(e.getContextMark());
      hint =
          problem.contains("<block end>")
              ? "check the indentation: this line does not line up with the block that starts"
                  + " at line "
                  + context.line()
                  + ", column "
                  + context.column()
              : cleanProblem(e.getContext())
                  + " that starts at line "
                  + context.line()
                  + ", column "
                  + context.column();
    }
    sink.error(Code.YAML_SYNTAX, position(mark), message, hint);
  }

  /**
   * Reports a {@code %YAML} directive of another major version than 1 among the directives at the
   * top of the file (the engine's own message for it is raw), and says whether it did.
   */
  private boolean reportYamlVersion() {
    int line = 1;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      String l = text.substring(start, end < 0 ? text.length() : end).strip();
      if (l.startsWith("%YAML")) {
        String version = l.substring("%YAML".length()).strip();
        if (!version.startsWith("1.")) {
          sink.error(
              Code.YAML_SYNTAX,
              new SourcePosition(source, line, 1),
              "unsupported YAML version '"
                  + (version.length() > 20 ? version.substring(0, 20) + "..." : version)
                  + "'; rnnc reads YAML 1.2",
              "remove the %YAML line, or write %YAML 1.2");
          return true;
        }
      } else if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith("%")) {
        return false;
      }
      if (end < 0) {
        return false;
      }
      start = end + 1;
      line++;
    }
    return false;
  }

  /**
   * The engine's problem text as a diagnostic message: token names spelled out, starting lowercase,
   * without a trailing period.
   */
  private static String cleanProblem(String problem) {
    if (problem.contains("(TAB)")) {
      return "found a tab character that cannot start any token";
    }
    String s =
        problem
            .replace("but got ?", "but found a new key")
            .replace("but found '?'", "but found a new key")
            .replace("but found ?", "but found a new key")
            .replace("<block end>", "the end of the indented block")
            .replace("<block mapping start>", "an indented mapping")
            .replace("<block sequence start>", "an indented list")
            .replace("<stream end>", "the end of the file")
            .replace("<document start>", "'---'")
            .strip();
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    if (!s.isEmpty()
        && Character.isUpperCase(s.charAt(0))
        && (s.length() == 1 || !Character.isUpperCase(s.charAt(1)))) {
      s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  private Optional<String> bracketHint(Optional<Mark> mark) {
    if (mark.isEmpty()) {
      return Optional.empty();
    }
    return bracketedName(lineText(mark.get().getLine()))
        .map(name -> "names like x[0] must be quoted inside { } or [ ]: \"" + name + "\"");
  }

  /**
   * The first unquoted {@code name[...]} inside a flow collection ({@code {...}} or {@code [...]})
   * on {@code line}. One pass over the line, whatever its length: a candidate starts where an
   * identifier starts, and its bracket is scanned only up to the next bracket.
   */
  static Optional<String> bracketedName(String line) {
    boolean inFlow = false;
    int doubleQuotes = 0;
    int singleQuotes = 0;
    boolean runHasStart = false;
    for (int p = 0; p < line.length(); p++) {
      char c = line.charAt(p);
      boolean part = isIdentifierPart(c);
      if (part && !runHasStart && isIdentifierStart(c)) {
        runHasStart = true;
        int end = p;
        while (end < line.length() && isIdentifierPart(line.charAt(end))) {
          end++;
        }
        int close =
            end < line.length() && line.charAt(end) == '[' ? closingBracket(line, end + 1) : -1;
        if (close >= 0 && inFlow && doubleQuotes % 2 == 0 && singleQuotes % 2 == 0) {
          return Optional.of(line.substring(p, close + 1));
        }
      } else if (!part) {
        runHasStart = false;
      }
      inFlow |= c == '{' || c == '[';
      doubleQuotes += c == '"' ? 1 : 0;
      singleQuotes += c == '\'' ? 1 : 0;
    }
    return Optional.empty();
  }

  /** The index of the ']' closing a bracket whose contents start at {@code from}, or -1. */
  private static int closingBracket(String line, int from) {
    for (int k = from; k < line.length(); k++) {
      char c = line.charAt(k);
      if (c == ']') {
        return k;
      }
      if (c == '[' || c == '{' || c == '}' || c == ',' || c == '"' || c == '\'' || c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  private String lineText(int zeroBasedLine) {
    int line = 0;
    int start = 0;
    for (int i = 0; i < text.length() && line < zeroBasedLine; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        start = i + 1;
      }
    }
    if (line < zeroBasedLine) {
      return "";
    }
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return text.substring(start, end);
  }

  private void reportBadCharacter(ReaderException e) {
    sink.error(
        Code.YAML_SYNTAX,
        positionOfCodePoint(e.getPosition()),
        String.format(Locale.ROOT, "character U+%04X is not allowed in YAML", e.getCodePoint()),
        "remove the control character or write it as an escape inside double quotes");
  }

  private void reportUnmarked(YamlEngineException e, Optional<Mark> lastMark) {
    if (reportYamlVersion()) {
      return;
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("exceeds the limit")) {
      reportTooLarge(SourcePosition.startOf(source), "", sink);
    } else if (message.startsWith("Number of aliases")) {
      sink.error(
          Code.TOO_MANY_ALIASES,
          position(lastMark),
          "more than " + MAX_COLLECTION_ALIASES + " aliases refer to lists or mappings");
    } else {
      sink.error(Code.YAML_SYNTAX, position(lastMark), cleanProblem(message));
    }
  }

  /** The position of the code point with the given 0-based index in the text. */
  private SourcePosition positionOfCodePoint(int index) {
    int line = 0;
    int column = 0;
    int cp = 0;
    for (int i = 0; i < text.length() && cp < index; cp++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        column = 0;
      } else if (c != '\r') {
        column++;
      }
      i += Character.charCount(text.codePointAt(i));
    }
    return SourcePosition.fromMark(source, line, column);
  }

  private SourcePosition position(Optional<Mark> mark) {
    return mark.map(m -> SourcePosition.fromMark(source, m.getLine(), m.getColumn()))
        .orElse(SourcePosition.startOf(source));
  }

  // ---- node tree ---------------------------------------------------------------------------

  /** Composes the node whose events come next, as snakeyaml's composer would, into a YamlNode. */
  private YamlNode compose(GuardedParser parser) {
    Event event = parser.peekEvent();
    if (event instanceof AliasEvent alias) {
      parser.next();
      Anchor anchor = alias.getAlias();
      YamlNode target = anchors.get(anchor);
      if (target == null) {
        Anchor open = composing.contains(anchor) ? anchor : null;
        if (open != null) {
          SourcePosition at = openAnchors.get(anchor);
          sink.error(
              Code.RECURSIVE_ALIAS,
              at,
              "an alias refers to a list or mapping that contains it",
              "a spec must be a tree; write the value out");
          return new YamlScalar("", YamlScalar.Type.INVALID, true, at, -1);
        }
        throw new ComposerException(
            null, Optional.empty(), "found undefined alias " + anchor, alias.getStartMark());
      }
      return target;
    }
    Optional<Anchor> anchor = ((NodeEvent) event).getAnchor();
    SourcePosition at = position(event.getStartMark());
    YamlNode node;
    if (event instanceof ScalarEvent scalar) {
      parser.next();
      Optional<String> tag = scalar.getTag();
      Tag resolved =
          tag.isEmpty() || tag.get().equals("!")
              ? scalarResolver.resolve(
                  scalar.getValue(), scalar.getImplicit().canOmitTagInPlainScalar())
              : new Tag(tag.get());
      node = convertScalar(scalar, resolved, at);
    } else {
      anchor.ifPresent(
          a -> {
            composing.add(a);
            openAnchors.put(a, at);
          });
      CollectionStartEvent start = (CollectionStartEvent) parser.next();
      Optional<String> tag = start.getTag();
      boolean sequence = start instanceof SequenceStartEvent;
      Tag expected = sequence ? Tag.SEQ : Tag.MAP;
      if (tag.isPresent() && !tag.get().equals("!")) {
        checkCollectionTag(new Tag(tag.get()), expected, at);
      }
      if (sequence) {
        List<YamlNode> items = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
          items.add(compose(parser));
        }
        parser.next();
        node = new YamlSequence(items, at);
      } else {
        node = composeMapping(parser, at);
      }
      anchor.ifPresent(
          a -> {
            composing.remove(a);
            openAnchors.remove(a);
          });
    }
    anchor.ifPresent(a -> anchors.put(a, node));
    return node;
  }

  private YamlMapping composeMapping(GuardedParser parser, SourcePosition at) {
    List<YamlMapping.Entry> entries = new ArrayList<>();
    Map<String, SourcePosition> seen = new LinkedHashMap<>();
    while (!parser.checkEvent(Event.ID.MappingEnd)) {
      YamlNode key = compose(parser);
      YamlNode value = compose(parser);
      if (key instanceof YamlScalar s && s.type() != YamlScalar.Type.INVALID) {
        SourcePosition first = seen.putIfAbsent(s.value(), s.position());
        if (first != null) {
          sink.error(
              Code.DUPLICATE_KEY,
              s.position(),
              "duplicate key '" + s.value() + "'",
              "first given at line " + first.line() + ", column " + first.column());
          continue;
        }
      }
      entries.add(new YamlMapping.Entry(key, value));
    }
    parser.next();
    return new YamlMapping(entries, at);
  }

  private YamlScalar convertScalar(ScalarEvent scalar, Tag tag, SourcePosition at) {
    String value = scalar.getValue();
    boolean plain = scalar.getScalarStyle() == ScalarStyle.PLAIN;
    int width = -1;
    ScalarStyle style = scalar.getScalarStyle();
    if (scalar.getStartMark().isPresent()
        && scalar.getEndMark().isPresent()
        && (style == ScalarStyle.PLAIN
            || style == ScalarStyle.SINGLE_QUOTED
            || style == ScalarStyle.DOUBLE_QUOTED)) {
      Mark start = scalar.getStartMark().get();
      Mark end = scalar.getEndMark().get();
      if (start.getLine() == end.getLine()) {
        width = end.getColumn() - start.getColumn();
      }
    }
    YamlScalar.Type type;
    Pattern pattern;
    if (Tag.STR.equals(tag)) {
      type = YamlScalar.Type.STRING;
      pattern = null;
    } else if (Tag.INT.equals(tag)) {
      type = YamlScalar.Type.INTEGER;
      pattern = INT;
    } else if (Tag.FLOAT.equals(tag)) {
      type = YamlScalar.Type.FLOAT;
      pattern = FLOAT;
    } else if (Tag.BOOL.equals(tag)) {
      type = YamlScalar.Type.BOOLEAN;
      pattern = BOOL;
    } else if (Tag.NULL.equals(tag)) {
      type = YamlScalar.Type.NULL;
      pattern = NULL;
    } else {
      reportTag(tag, at);
      return new YamlScalar(value, YamlScalar.Type.INVALID, plain, at, width);
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      sink.error(
          Code.BAD_VALUE,
          at,
          "'" + value + "' is not a valid " + shortTag(tag) + " value",
          "remove the tag or correct the value");
      return new YamlScalar(value, YamlScalar.Type.INVALID, plain, at, width);
    }
    return new YamlScalar(value, type, plain, at, width);
  }

  private void checkCollectionTag(Tag tag, Tag expected, SourcePosition at) {
    if (!expected.equals(tag)) {
      reportTag(tag, at);
    }
  }

  private void reportTag(Tag tag, SourcePosition at) {
    sink.error(
        Code.UNSUPPORTED_TAG,
        at,
        "unsupported tag '" + shortTag(tag) + "'",
        "specs use plain YAML values (core schema); remove the tag");
  }

  private static String shortTag(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }

  // ---- file decoding -----------------------------------------------------------------------

  private static Optional<String> decodeUtf8(byte[] bytes, Path file, Diagnostics sink) {
    int offset =
        bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      out.flip();
      String decoded = out.toString();
      int line = 1;
      int column = 1;
      for (int i = 0; i < decoded.length(); i++) {
        char c = decoded.charAt(i);
        if (c == '\n') {
          line++;
          column = 1;
        } else if (!Character.isLowSurrogate(c)) {
          column++;
        }
      }
      sink.error(
          Code.ENCODING,
          new SourcePosition(file, line, column),
          "spec is not valid UTF-8",
          "save the file as UTF-8");
      return Optional.empty();
    }
    out.flip();
    return Optional.of(out.toString());
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** The core schema without merge keys: {@code <<} is an ordinary string. */
  private static final class SpecSchema extends CoreSchema {

    @Override
    public ScalarResolver getScalarResolver() {
      return new CoreScalarResolver(false);
    }
  }
}
