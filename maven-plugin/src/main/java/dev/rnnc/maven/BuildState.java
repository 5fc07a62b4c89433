package dev.rnnc.maven;

import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.output.OutputDirectory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the last successful run of the generate goal did, kept between builds to skip specs that
 * have not changed. Stored as a properties file, lines sorted:
 *
 * <pre>
 * config.generator=0.1.0 ...
 * config.outputDirectory=/p/target/generated-sources/rnnc
 * format=1
 * spec.models/a.yaml.input.0=812 1732540800123456789 /p/src/main/rnnc/models/a.yaml
 * spec.models/a.yaml.input.1=96 1732540800123456789 /p/src/main/rnnc/models/w.npy
 * spec.models/a.yaml.output.0=5120 1732540801000000000 com/acme/A.java
 * </pre>
 *
 * <p>Each stamp is {@code size modifiedNanos path}. A state written with other {@code config}
 * values (plugin configuration, compiler version) makes every spec stale. A missing, unreadable or
 * unknown-format file reads as the empty state, so the worst a damaged file can do is a full
 * regeneration.
 *
 * @param config the settings that the generated code depends on besides the specs
 * @param specs per spec, by its path relative to the source directory ({@code /} separators)
 */
record BuildState(SortedMap<String, String> config, SortedMap<String, SpecRecord> specs) {

  private static final String FORMAT = "1";
  private static final Pattern STAMP_KEY = Pattern.compile("spec\\.(.+)\\.(input|output)\\.(\\d+)");
  private static final Pattern STAMP_VALUE =
      Pattern.compile("(-?\\d+) (-?\\d+) (.+)", Pattern.DOTALL);

  BuildState {
    config = Collections.unmodifiableSortedMap(new TreeMap<>(config));
    specs = Collections.unmodifiableSortedMap(new TreeMap<>(specs));
  }

  static BuildState empty() {
    return new BuildState(new TreeMap<>(), new TreeMap<>());
  }

  /** Reads a state file; anything but a well-formed one of this format is the empty state. */
  static BuildState read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return empty();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(new StringReader(text));
    } catch (IllegalArgumentException e) {
      return empty();
    }
  }

  static BuildState parse(Reader reader) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new IllegalArgumentException("not a state file of format " + FORMAT);
    }
    SortedMap<String, String> config = new TreeMap<>();
    SortedMap<String, SortedMap<Integer, FileStamp>> inputs = new TreeMap<>();
    SortedMap<String, SortedMap<Integer, FileStamp>> outputs = new TreeMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      String value = p.getProperty(key);
      if (key.equals("format")) {
        continue;
      }
      if (key.startsWith("config.")) {
        config.put(key.substring("config.".length()), value);
        continue;
      }
      Matcher k = STAMP_KEY.matcher(key);
      Matcher v = STAMP_VALUE.matcher(value);
      if (!k.matches() || !v.matches()) {
        throw new IllegalArgumentException("unexpected entry " + key);
      }
      FileStamp stamp =
          new FileStamp(v.group(3), Long.parseLong(v.group(1)), Long.parseLong(v.group(2)));
      (k.group(2).equals("input") ? inputs : outputs)
          .computeIfAbsent(k.group(1), s -> new TreeMap<>())
          .put(Integer.parseInt(k.group(3)), stamp);
    }
    SortedMap<String, SpecRecord> specs = new TreeMap<>();
    for (String spec : inputs.keySet()) {
      specs.put(
          spec,
          new SpecRecord(
              dense(inputs.get(spec)), dense(outputs.getOrDefault(spec, new TreeMap<>()))));
    }
    if (!inputs.keySet().containsAll(outputs.keySet())) {
      throw new IllegalArgumentException("outputs of a spec without inputs");
    }
    return new BuildState(config, specs);
  }

  private static List<FileStamp> dense(SortedMap<Integer, FileStamp> indexed) {
    List<FileStamp> list = new ArrayList<>(indexed.values());
    if (!indexed.isEmpty() && indexed.lastKey() != list.size() - 1) {
      throw new IllegalArgumentException("gap in stamp indices");
    }
    return list;
  }

  /** The file's text: properties syntax, one entry a line, lines in sorted order. */
  String format() throws IOException {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    for (Map.Entry<String, String> e : config.entrySet()) {
      p.setProperty("config." + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, SpecRecord> e : specs.entrySet()) {
      put(p, "spec." + e.getKey() + ".input.", e.getValue().inputs());
      put(p, "spec." + e.getKey() + ".output.", e.getValue().outputs());
    }
    // Properties.store escapes line breaks inside keys and values, so an entry is one line;
    // sorting the lines (dropping its date comment) makes the file independent of hash order.
    StringWriter raw = new StringWriter();
    p.store(raw, null);
    List<String> lines = new ArrayList<>();
    for (String line : raw.toString().split("\\R")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        lines.add(line);
      }
    }
    lines.sort(null);
    StringBuilder out =
        new StringBuilder(
            "# rnnc generate: what the last build generated; deleting it regenerates everything\n");
    for (String line : lines) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static void put(Properties p, String prefix, List<FileStamp> stamps) {
    for (int i = 0; i < stamps.size(); i++) {
      FileStamp s = stamps.get(i);
      p.setProperty(prefix + i, s.size() + " " + s.modifiedNanos() + " " + s.path());
    }
  }

  /** Writes the state file atomically, leaving it untouched if its content is the same. */
  void write(Path file) throws IOException {
    Objects.requireNonNull(file.getParent(), "state file needs a directory");
    OutputDirectory.write(
        file.getParent(), List.of(new GeneratedFile(file.getFileName(), format())));
  }
}
