package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every canonical spec under {@code specs/examples/}, generated (both as an evaluator and
 * standalone) and compiled with every lint as an error, computes what the interpreter computes.
 */
class ExampleSpecsGeneratedTest {

  private static final Path EXAMPLES = Path.of("../specs/examples");

  @Test
  void examplesMatchTheInterpreter() throws IOException, SpecException {
    List<Path> specs;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(specs).isNotEmpty();
    List<Model> models = new ArrayList<>();
    List<JavaFile> files = new ArrayList<>();
    for (Path spec : specs) {
      Model m = Compiler.load(spec);
      models.add(m);
      String source = "specs/examples/" + spec.getFileName();
      files.add(
          EvaluatorWriter.write(m.schedule(), new GenerateOptions("gen.examples", false, source)));
      files.add(
          EvaluatorWriter.write(
              m.schedule(), new GenerateOptions("gen.examples.standalone", true, source)));
    }
    List<Class<?>> classes = new InMemoryCompiler(InMemoryCompiler.STRICT).load(files);
    Random rnd = new Random(71L);
    for (int k = 0; k < models.size(); k++) {
      Model m = models.get(k);
      for (Class<?> type : List.of(classes.get(2 * k), classes.get(2 * k + 1))) {
        Evaluator generated = DifferentialTest.evaluator(type, m.schedule());
        Interpreter interpreter = new Interpreter(m.schedule());
        double[] a = new double[m.graph().outputCount()];
        double[] b = new double[m.graph().outputCount()];
        for (int t = 0; t < 50; t++) {
          double[] f = RandomGraphs.features(m.graph().featureCount(), rnd);
          generated.step(f, a);
          interpreter.step(f, b);
          DifferentialTest.assertSameBits(a, b, type.getName() + ", step " + t);
        }
        DifferentialTest.assertSameBits(
            generated.saveState(), interpreter.saveState(), type.getName() + " state");
      }
    }
  }
}
