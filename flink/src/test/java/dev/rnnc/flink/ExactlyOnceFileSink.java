package dev.rnnc.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A two-phase-commit sink of steps into files, exactly once: what the tests read as "the committed
 * result" of a job.
 *
 * <p>The writer keeps the steps of one checkpoint in memory; when the checkpoint's barrier passes
 * ({@code prepareCommit}) it writes them to a file in {@code pending/} and hands the file's name to
 * Flink as the checkpoint's committable. Only when the checkpoint is complete does the committer
 * move the file into {@code committed/}, atomically; a commit that is repeated after a recovery
 * finds the file already moved and does nothing. Steps written after the last completed checkpoint
 * before a failure stay in memory or in {@code pending/}, and are never read: the restored job
 * makes them again. So {@code committed/} holds every step once, or the sink is wrong.
 *
 * <p>A file's name starts with the writer's subtask and attempt number ({@code s1-a0-...}), so a
 * test can tell what was committed before and after a failure. A line is {@code
 * key<TAB>index<TAB>element<TAB>outputs}, outputs as the hex of their raw bits.
 */
final class ExactlyOnceFileSink implements Sink<KeyedStep<String>>, SupportsCommitter<String> {

  private static final long serialVersionUID = 1L;

  private final String directory;

  ExactlyOnceFileSink(Path directory) {
    this.directory = directory.toAbsolutePath().toString();
  }

  @Override
  public Writer createWriter(WriterInitContext context) throws IOException {
    Path pending = Path.of(directory, "pending");
    Files.createDirectories(pending);
    return new Writer(
        pending,
        "s"
            + context.getTaskInfo().getIndexOfThisSubtask()
            + "-a"
            + context.getTaskInfo().getAttemptNumber());
  }

  @Override
  public Committer<String> createCommitter(CommitterInitContext context) throws IOException {
    Path committed = Path.of(directory, "committed");
    Files.createDirectories(committed);
    return new FileCommitter(Path.of(directory, "pending"), committed);
  }

  @Override
  public SimpleVersionedSerializer<String> getCommittableSerializer() {
    return new NameSerializer();
  }

  /** Every committed step, by key, in the order of the lines (not sorted). */
  static Map<String, List<KeyedStep<String>>> read(Path directory) throws IOException {
    Map<String, List<KeyedStep<String>>> byKey = new TreeMap<>();
    Path committed = directory.resolve("committed");
    if (!Files.isDirectory(committed)) {
      return byKey;
    }
    for (Path file : committedFiles(directory)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        KeyedStep<String> step = parse(line);
        byKey.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(step);
      }
    }
    return byKey;
  }

  /** The committed files, sorted by name. */
  static List<Path> committedFiles(Path directory) throws IOException {
    Path committed = directory.resolve("committed");
    if (!Files.isDirectory(committed)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(committed)) {
      return files.sorted().toList();
    }
  }

  static String format(KeyedStep<String> step) {
    StringBuilder line =
        new StringBuilder()
            .append(step.key())
            .append('\t')
            .append(step.index())
            .append('\t')
            .append(step.element())
            .append('\t');
    for (int k = 0; k < step.outputs().length; k++) {
      line.append(k == 0 ? "" : ",")
          .append(Long.toHexString(Double.doubleToRawLongBits(step.outputs()[k])));
    }
    return line.toString();
  }

  static KeyedStep<String> parse(String line) {
    String[] fields = line.split("\t", -1);
    String[] hex = fields[3].split(",", -1);
    double[] outputs = new double[hex.length];
    for (int k = 0; k < hex.length; k++) {
      outputs[k] = Double.longBitsToDouble(Long.parseUnsignedLong(hex[k], 16));
    }
    return new KeyedStep<>(
        fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]), outputs);
  }

  /** Buffers a checkpoint's steps and writes them to a pending file when its barrier passes. */
  static final class Writer implements CommittingSinkWriter<KeyedStep<String>, String> {

    private final Path pending;
    private final String prefix;
    private final StringBuilder lines = new StringBuilder();
    private int files;

    Writer(Path pending, String prefix) {
      this.pending = pending;
      this.prefix = prefix;
    }

    @Override
    public void write(KeyedStep<String> step, Context context) {
      lines.append(format(step)).append('\n');
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public Collection<String> prepareCommit() throws IOException {
      if (lines.length() == 0) {
        return List.of();
      }
      String name = String.format(Locale.ROOT, "%s-%04d-%s", prefix, files++, UUID.randomUUID());
      Files.writeString(pending.resolve(name), lines, StandardCharsets.UTF_8);
      lines.setLength(0);
      return List.of(name);
    }

    @Override
    public void close() {}
  }

  /** Moves pending files into {@code committed/}; a file already moved is already committed. */
  static final class FileCommitter implements Committer<String> {

    private final Path pending;
    private final Path committed;

    FileCommitter(Path pending, Path committed) {
      this.pending = pending;
      this.committed = committed;
    }

    @Override
    public void commit(Collection<CommitRequest<String>> requests) {
      for (CommitRequest<String> request : requests) {
        String name = request.getCommittable();
        try {
          Files.move(
              pending.resolve(name), committed.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
          if (Files.exists(committed.resolve(name))) {
            request.signalAlreadyCommitted();
          } else {
            request.signalFailedWithKnownReason(
                new IllegalStateException("committable " + name + " is lost", e));
          }
        } catch (AtomicMoveNotSupportedException e) {
          throw new IllegalStateException("the test directory cannot move files atomically", e);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    public void close() {}
  }

  /** A committable is a file name. */
  static final class NameSerializer implements SimpleVersionedSerializer<String> {

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(String name) {
      return name.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(int version, byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
