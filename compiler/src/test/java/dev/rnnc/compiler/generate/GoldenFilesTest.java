package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.compiler.schedule.Scheduler;
import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: for every {@code src/test/resources/golden/<case>/spec.yaml}, the generated class
 * must equal the {@code <Name>.java} beside it, byte for byte. Run with {@code
 * -Dgolden.update=true} to rewrite the expected files after an intended change (and review the
 * diff). An optional {@code generate.properties} in a case sets options ({@code standalone}, {@code
 * package}). Each golden class is also compiled with every lint as an error and run against the
 * interpreter.
 */
class GoldenFilesTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  @TestFactory
  Stream<DynamicTest> generatedClassesMatchTheGoldenFiles() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      cases = dirs.filter(d -> Files.exists(d.resolve("spec.yaml"))).sorted().toList();
    }
    assertThat(cases).as("golden cases under " + GOLDEN.toAbsolutePath()).isNotEmpty();
    return cases.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException, SpecException {
    Path spec = dir.resolve("spec.yaml");
    Graph graph = Compiler.readGraph(spec);
    Schedule schedule = Scheduler.schedule(graph);
    GenerateOptions options = options(dir);
    JavaFile file = EvaluatorWriter.write(schedule, options);
    String actual = file.toString();
    Path expected = dir.resolve(graph.name() + ".java");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    } else if (!Files.exists(expected)) {
      fail(
          "missing golden file "
              + expected.toAbsolutePath()
              + " (run with -Dgolden.update=true to create it)");
    }
    assertThat(actual)
        .as("generated from " + spec + " (golden file " + expected + ")")
        .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));

    Class<?> type = new InMemoryCompiler(InMemoryCompiler.STRICT).load(List.of(file)).get(0);
    Evaluator generated = DifferentialTest.evaluator(type, schedule);
    Interpreter interpreter = new Interpreter(schedule);
    Random rnd = new Random(51L);
    double[] a = new double[graph.outputCount()];
    double[] b = new double[graph.outputCount()];
    for (int t = 0; t < 20; t++) {
      double[] f = RandomGraphs.features(graph.featureCount(), rnd);
      generated.step(f, a);
      interpreter.step(f, b);
      DifferentialTest.assertSameBits(a, b, dir.getFileName() + ", step " + t);
    }
    DifferentialTest.assertSameBits(generated.saveState(), interpreter.saveState(), "state");
  }

  /** The header names the spec by its path relative to the module, the same on every machine. */
  private static GenerateOptions options(Path dir) throws IOException {
    Properties p = new Properties();
    Path file = dir.resolve("generate.properties");
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    String sourceName = "golden/" + dir.getFileName() + "/spec.yaml";
    return new GenerateOptions(
        p.getProperty("package"),
        Boolean.parseBoolean(p.getProperty("standalone", "false")),
        sourceName);
  }
}
