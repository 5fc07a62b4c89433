package dev.rnnc.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.diag.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec text checked with limited file access reads only the files it is allowed to. */
class FileAccessTest {

  @TempDir Path dir;

  private static String spec(String bias) {
    return """
        rnnc: 1
        name: M
        groups: {h: {size: 2, bias: {file: %s}}}
        outputs: [h]
        """
        .formatted(bias);
  }

  private Path specFolder() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("project/model"));
    Files.writeString(folder.resolve("b.csv"), "1,2\n");
    Files.createDirectories(folder.resolve("deeper"));
    Files.writeString(folder.resolve("deeper/b.csv"), "3,4\n");
    Files.writeString(dir.resolve("project/secret.csv"), "5,6\n");
    return folder;
  }

  @Test
  void filesBelowTheSpecsFolderAreRead() throws Exception {
    Path folder = specFolder();
    FileAccess below = FileAccess.below(folder);
    Path source = folder.resolve("m.yaml");
    assertThat(Compiler.load(spec("b.csv"), source, below).graph().nodes().get(0).bias().get(1))
        .isEqualTo(2.0);
    assertThat(
            Compiler.load(spec("deeper/../deeper/b.csv"), source, below)
                .graph()
                .nodes()
                .get(0)
                .bias()
                .get(0))
        .isEqualTo(3.0);
  }

  @Test
  void filesElsewhereAreErrorsAtTheirName() throws Exception {
    Path folder = specFolder();
    Path source = folder.resolve("m.yaml");
    for (String outside :
        new String[] {"../secret.csv", dir.resolve("project/secret.csv").toString()}) {
      assertThatThrownBy(() -> Compiler.load(spec(outside), source, FileAccess.below(folder)))
          .isInstanceOf(SpecException.class)
          .hasMessageContaining("m.yaml:3:36: error: cannot read '" + outside + "'")
          .hasMessageContaining("only files below the spec's folder");
    }
  }

  @Test
  void aLinkOutOfTheFolderIsRefused() throws Exception {
    Path folder = specFolder();
    Path link = folder.resolve("link.csv");
    try {
      Files.createSymbolicLink(link, dir.resolve("project/secret.csv"));
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "no symbolic links here");
    }
    assertThatThrownBy(
            () ->
                Compiler.load(spec("link.csv"), folder.resolve("m.yaml"), FileAccess.below(folder)))
        .hasMessageContaining("cannot read 'link.csv'");
    // Without limits, the command line follows the link.
    Files.writeString(folder.resolve("m.yaml"), spec("link.csv"));
    assertThat(Compiler.load(folder.resolve("m.yaml")).graph().nodes()).hasSize(1);
  }

  @Test
  void noFilesAtAllSaysWhy() {
    assertThatThrownBy(
            () ->
                Compiler.load(
                    spec("b.csv"),
                    dir.resolve("m.yaml"),
                    FileAccess.none("no spec file was given")))
        .hasMessageContaining("cannot read 'b.csv': no spec file was given");
  }
}
