package dev.rnnc.compiler.generate;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.runtime.Evaluator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void prints() {
    GraphBuilder b = new GraphBuilder("Smoke").javaPackage("com.acme");
    b.vector("x", 3);
    b.neuron("h1").activation(Activation.TANH).bias(0.1);
    b.neuron("out").activation(Activation.SIGMOID);
    b.neuron("m").aggregation(Aggregation.MAXABS).activation(Activation.LEAKY_RELU);
    b.group("h", 4).activation(Activation.TANH).bias(0.5);
    b.edge("x[0]", "h1", 0.8).edge("h1", "out", 1.2).edge("out", "h1", -0.5);
    b.edge("x", "h", new Matrix(4, 3, new double[12]), Delay.ZERO);
    b.edge("h", "h", new Matrix(4, 4, new double[16]), Delay.fixed(1));
    b.edge("h[2]", "m", 0.3).edge("x[1]", "m", 0.7, Delay.fixed(2)).edge("h", "m", new Matrix(1, 4, new double[]{1,2,3,4}), Delay.AUTO);
    b.output("out").output("h").output("m");
    JavaFile f = EvaluatorWriter.write(b.schedule(), GenerateOptions.defaults());
    System.out.println(f);
    Evaluator e = new InMemoryCompiler(InMemoryCompiler.STRICT).newEvaluator(f);
    double[] out = new double[e.info().outputCount()];
    e.step(new double[] {1, 2, 3}, out);
    System.out.println(Arrays.toString(out) + " " + e.info());
  }
}
