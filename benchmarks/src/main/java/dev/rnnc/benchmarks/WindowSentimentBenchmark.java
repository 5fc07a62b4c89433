package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Model;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The seed's text-window model ({@code specs/examples/window_sentiment.yaml}: a window of five
 * words as a bag of words and bigrams, three neurons, one backward edge) over a long review,
 * featurization included: per token through {@link Session#pushToken(String, double[])} (a stream),
 * and a whole text of {@value #TOKENS} tokens through {@link Session#runText} (time per token),
 * with generated code and with the interpreter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WindowSentimentBenchmark {

  /** Tokens of the text. */
  public static final int TOKENS = 1000;

  private static final String[] WORDS = {
    "good", "great", "love", "bad", "awful", "boring", "not", "the", "plot", "was", "a", "film",
    "and", "acting", "but", "ending", "really", "I", "it", "is", "very", "story", "so", "music"
  };

  /** The model, its sessions and the text. */
  @State(Scope.Thread)
  public static class Text {

    Session generated;
    Session interpreted;
    String text;
    String[] tokens;
    double[] out;
    int t;

    @Setup(Level.Trial)
    public void setup() {
      Workloads files = Workloads.create();
      Model model;
      try {
        model = Workloads.load(files.windowSentimentSpec());
      } finally {
        files.close();
      }
      Evaluator g = Workloads.generated(model);
      generated = new Session(g);
      interpreted = new Session(Workloads.interpreter(model));
      SplittableRandom random = new SplittableRandom(5);
      List<String> words = new ArrayList<>();
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < TOKENS; k++) {
        String w = WORDS[random.nextInt(WORDS.length)];
        words.add(w);
        b.append(w).append(k % 17 == 16 ? ". " : " ");
      }
      tokens = words.toArray(new String[0]);
      text = b.toString();
      out = new double[model.graph().outputCount()];
      List<Session.Step> a = generated.runText(text);
      List<Session.Step> c = interpreted.runText(text);
      if (a.size() != TOKENS || c.size() != TOKENS) {
        throw new IllegalStateException(
            "expected one step per token, got " + a.size() + " and " + c.size());
      }
      for (int k = 0; k < TOKENS; k++) {
        if (!java.util.Arrays.equals(a.get(k).outputs(), c.get(k).outputs())) {
          throw new IllegalStateException("generated and interpreted differ at token " + k);
        }
      }
    }

    String next() {
      int s = t;
      t = s + 1 == TOKENS ? 0 : s + 1;
      return tokens[s];
    }
  }

  @Benchmark
  public boolean generatedPushToken(Text text) {
    return text.generated.pushToken(text.next(), text.out);
  }

  @Benchmark
  public boolean interpreterPushToken(Text text) {
    return text.interpreted.pushToken(text.next(), text.out);
  }

  @Benchmark
  @OperationsPerInvocation(TOKENS)
  public List<Session.Step> generatedRunText(Text text) {
    text.generated.reset();
    return text.generated.runText(text.text);
  }

  @Benchmark
  @OperationsPerInvocation(TOKENS)
  public List<Session.Step> interpreterRunText(Text text) {
    text.interpreted.reset();
    return text.interpreted.runText(text.text);
  }
}
