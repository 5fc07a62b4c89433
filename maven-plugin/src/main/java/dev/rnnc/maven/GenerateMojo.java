package dev.rnnc.maven;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.diag.Severity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates a Java evaluator class from every rnnc spec in {@code sourceDirectory} and adds the
 * output directory to the project's compile sources. Specs whose spec file, weight files and
 * generated file are unchanged since the last build are skipped. Every problem in every spec is
 * logged as {@code file:line:column: error: message}, and then the build fails without writing
 * anything.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

  /** The directory searched for specs. */
  @Parameter(defaultValue = "${project.basedir}/src/main/rnnc", required = true)
  private File sourceDirectory;

  /**
   * Ant-style patterns, relative to {@code sourceDirectory}, of the specs to compile. Default:
   * {@code **}{@code /*.yaml} and {@code **}{@code /*.yml}.
   */
  @Parameter private List<String> includes;

  /** Ant-style patterns, relative to {@code sourceDirectory}, of files that are not specs. */
  @Parameter private List<String> excludes;

  /** Where the generated sources go; added to the project's compile source roots. */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/rnnc", required = true)
  private File outputDirectory;

  /** The package of every generated class, instead of each spec's {@code package:}. */
  @Parameter private String packageName;

  /**
   * Generate classes that depend on nothing but the JDK (no {@code rnnc-runtime}): they do not
   * implement {@code dev.rnnc.runtime.Evaluator} and have no {@code info()}.
   */
  @Parameter(defaultValue = "false")
  private boolean standalone;

  /** Skip generation (and do not add the output directory to the sources). */
  @Parameter(property = "rnnc.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("rnnc: skipped (rnnc.skip)");
      return;
    }
    IncrementalGenerator.Outcome outcome;
    try {
      IncrementalGenerator.Settings settings =
          new IncrementalGenerator.Settings(
              project.getBasedir().toPath(),
              sourceDirectory.toPath(),
              SpecSelection.of(includes, excludes),
              outputDirectory.toPath(),
              stateFile(),
              packageName,
              standalone,
              ToolVersion.of(Compiler.class, "dev.rnnc", "rnnc-compiler")
                  + " / "
                  + ToolVersion.of(GenerateMojo.class, "dev.rnnc", "rnnc-maven-plugin"));
      outcome = IncrementalGenerator.run(settings);
    } catch (IOException e) {
      throw new MojoExecutionException("rnnc: " + e, e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A bad parameter, or a compiler bug (the message names the spec).
      throw new MojoExecutionException("rnnc: " + e.getMessage(), e);
    }
    if (outcome.failed()) {
      report(outcome.diagnostics());
      long errors =
          outcome.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
      throw new MojoFailureException(
          "rnnc: " + count(errors, "error") + " in " + count(outcome.failedSpecs(), "spec"));
    }
    project.addCompileSourceRoot(outputDirectory.getPath());
    log(outcome);
  }

  private Path stateFile() {
    // One state per execution: two executions of the goal must not forget each other's files.
    String id = mojoExecution.getExecutionId().replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(project.getBuild().getDirectory(), "rnnc", id + ".state");
  }

  private void report(List<Diagnostic> diagnostics) {
    DiagnosticRenderer renderer = new DiagnosticRenderer();
    for (Diagnostic d : diagnostics) {
      String text = renderer.render(d).stripTrailing();
      if (d.severity() == Severity.ERROR) {
        getLog().error(text);
      } else {
        getLog().warn(text);
      }
    }
  }

  private void log(IncrementalGenerator.Outcome outcome) {
    for (IncrementalGenerator.Generated g : outcome.generated()) {
      getLog()
          .info(
              "rnnc: "
                  + g.spec()
                  + " -> "
                  + String.join(", ", g.outputs())
                  + (g.written() ? "" : " (unchanged)"));
    }
    for (String removed : outcome.removed()) {
      getLog().info("rnnc: removed " + removed);
    }
    int fresh = outcome.upToDate().size();
    if (!outcome.generated().isEmpty()) {
      getLog()
          .info(
              "rnnc: generated "
                  + count(outcome.generated().size(), "spec")
                  + (fresh > 0 ? ", " + fresh + " up to date" : ""));
    } else if (fresh > 0) {
      getLog().info("rnnc: " + count(fresh, "spec") + " up to date");
    } else {
      getLog().info("rnnc: no specs in " + sourceDirectory);
    }
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
