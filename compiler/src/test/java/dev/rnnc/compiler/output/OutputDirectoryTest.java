package dev.rnnc.compiler.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

  @TempDir Path root;

  private List<Path> tree() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(root::relativize).sorted().toList();
    }
  }

  @Test
  void writesFilesAndCreatesPackages() throws IOException {
    List<Path> written =
        OutputDirectory.write(
            root,
            List.of(
                new GeneratedFile(Path.of("a/b/A.java"), "class A {}"),
                new GeneratedFile(Path.of("B.java"), "class B {}")));
    assertThat(written).hasSize(2);
    assertThat(Files.readString(root.resolve("a/b/A.java"))).isEqualTo("class A {}");
    assertThat(tree())
        .containsExactly(
            Path.of(""), Path.of("B.java"), Path.of("a"), Path.of("a/b"), Path.of("a/b/A.java"));
  }

  @Test
  void identicalContentIsNotRewritten() throws IOException {
    GeneratedFile f = new GeneratedFile(Path.of("A.java"), "class A {}");
    OutputDirectory.write(root, List.of(f));
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(root.resolve("A.java"), old);
    assertThat(OutputDirectory.write(root, List.of(f))).isEmpty();
    assertThat(Files.getLastModifiedTime(root.resolve("A.java"))).isEqualTo(old);
  }

  @Test
  void failureLeavesTheDirectoryAsItWas() throws IOException {
    Files.writeString(root.resolve("Old.java"), "old");
    // "Old.java/X.java" cannot be created because Old.java is a file: the write fails after
    // the first file's temporary copy was made.
    assertThatThrownBy(
            () ->
                OutputDirectory.write(
                    root,
                    List.of(
                        new GeneratedFile(Path.of("p/New.java"), "new"),
                        new GeneratedFile(Path.of("Old.java/X.java"), "x"))))
        .isInstanceOf(IOException.class);
    assertThat(tree()).containsExactly(Path.of(""), Path.of("Old.java"));
    assertThat(Files.readString(root.resolve("Old.java"))).isEqualTo("old");
  }

  @Test
  void failedMoveUndoesTheMovesBeforeIt() throws IOException {
    Files.writeString(root.resolve("A.java"), "old A");
    OutputDirectory.Mover failOnB =
        (from, to) -> {
          if (to.getFileName().toString().equals("B.java")) {
            throw new IOException("disk full");
          }
          Files.move(from, to);
        };
    assertThatThrownBy(
            () ->
                OutputDirectory.write(
                    root,
                    List.of(
                        new GeneratedFile(Path.of("A.java"), "new A"),
                        new GeneratedFile(Path.of("q/B.java"), "new B")),
                    failOnB))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
    assertThat(tree()).containsExactly(Path.of(""), Path.of("A.java"));
    assertThat(Files.readString(root.resolve("A.java"))).isEqualTo("old A");
  }

  @Test
  void aDirectoryInTheWayIsAnErrorBeforeAnythingMoves() throws IOException {
    Files.createDirectories(root.resolve("B.java/inside"));
    assertThatThrownBy(
            () ->
                OutputDirectory.write(
                    root,
                    List.of(
                        new GeneratedFile(Path.of("A.java"), "a"),
                        new GeneratedFile(Path.of("B.java"), "b"))))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("B.java: exists and is not a regular file");
    assertThat(tree()).containsExactly(Path.of(""), Path.of("B.java"), Path.of("B.java/inside"));
  }

  @Test
  void rejectsPathsThatEscapeTheDirectory() {
    assertThatThrownBy(() -> new GeneratedFile(Path.of("../x.java"), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeneratedFile(Path.of("/abs.java"), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
