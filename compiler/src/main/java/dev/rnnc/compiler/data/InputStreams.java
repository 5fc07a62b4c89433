package dev.rnnc.compiler.data;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Session;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.internal.Tokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's input data, streamed: vector CSV rows and tokens, read as the steps need them and
 * pushed through a {@link Session} (windows and featurization), for {@code run}, {@code train} and
 * {@code serve}.
 */
public final class InputStreams {

  private InputStreams() {}

  /** Where an input's data comes from: a file, standard input (both null), or text. */
  public record Source(String label, Path file, String text) {}

  /** The elements of one input, one at a time; null at the end. */
  public interface Elements {
    Object next() throws IOException;

    /** Whether it reads standard input, where a user may be waiting for each row. */
    default boolean interactive() {
      return false;
    }
  }

  /** What to do with a step's outputs. */
  @FunctionalInterface
  public interface StepSink {
    void accept(long step, double[] outputs) throws IOException;
  }

  /** One read of an input's next element: a vector row or a token, {@code null} at the end. */
  private interface Read {
    Object next() throws IOException;
  }

  /** Opens one input's data. Problems in it are reported into {@code sink} as they are read. */
  public static Elements open(InputDef def, Source source, InputStream stdin, Diagnostics sink)
      throws IOException {
    Path label = Path.of(source.label());
    Reader reader = source.text() != null ? new StringReader(source.text()) : utf8(source, stdin);
    // Both forms stream: memory follows a row or the longest token, not the input.
    Read read =
        def instanceof VectorInput v
            ? new VectorCsv.Rows(new BufferedReader(reader), label, v.size(), sink)::next
            : Tokenizer.of((TokenInput) def).tokens(reader)::next;
    boolean stdinSource = source.text() == null && source.file() == null;
    return new Elements() {
      @Override
      public Object next() throws IOException {
        try {
          return read.next();
        } catch (CharacterCodingException e) {
          sink.error(
              Code.INPUT_DATA, SourcePosition.startOf(label), "input is not valid UTF-8 text");
          return null;
        }
      }

      @Override
      public boolean interactive() {
        return stdinSource;
      }
    };
  }

  /** A strict UTF-8 reader of a file or standard input: malformed bytes are an error. */
  private static Reader utf8(Source source, InputStream stdin) throws IOException {
    InputStream in = source.file() == null ? stdin : Files.newInputStream(source.file());
    return new InputStreamReader(
        in,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /**
   * Pushes the inputs' elements through {@code session} and hands each completed step's outputs to
   * {@code steps}. After the first bad element no more steps run, but the rest of the input is
   * still read so that every problem in it is reported.
   *
   * @return why the inputs do not fit together (different lengths), or null
   */
  public static String drive(
      ModelInfo info,
      Session session,
      List<Elements> inputs,
      Map<String, Source> sources,
      Diagnostics sink,
      StepSink steps)
      throws IOException {
    double[] row = new double[info.outputCount()];
    Object[] step = new Object[inputs.size()];
    long[] counts = new long[inputs.size()];
    while (true) {
      int ended = 0;
      for (int i = 0; i < step.length; i++) {
        step[i] = inputs.get(i).next();
        if (step[i] == null) {
          ended++;
        } else {
          counts[i]++;
        }
      }
      if (ended == step.length) {
        return null;
      }
      if (ended > 0) {
        return lengthMismatch(info, inputs, counts, sources);
      }
      if (!sink.hasErrors() && session.push(step, row)) {
        steps.accept(session.steps() - 1, row);
      }
    }
  }

  /** Reads what is left of every input to report how many elements each had. */
  private static String lengthMismatch(
      ModelInfo info, List<Elements> inputs, long[] counts, Map<String, Source> sources)
      throws IOException {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      while (inputs.get(i).next() != null) {
        counts[i]++;
      }
      String name = info.inputs().get(i).name();
      parts.add(name + ": " + counts[i] + " (" + sources.get(name).label() + ")");
    }
    return "inputs must have the same number of elements, got " + String.join(", ", parts);
  }
}
