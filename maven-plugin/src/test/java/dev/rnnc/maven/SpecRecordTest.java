package dev.rnnc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staleness rule: a spec is up to date while every stamped input and output is unchanged. */
class SpecRecordTest {

  @TempDir Path dir;
  Path spec;
  Path weights;
  Path out;
  SpecRecord record;

  @BeforeEach
  void stamp() throws IOException {
    spec = dir.resolve("a.yaml");
    weights = dir.resolve("w.csv");
    out = dir.resolve("out");
    Files.writeString(spec, "rnnc: 1\n");
    Files.writeString(weights, "1,2\n");
    Files.createDirectories(out.resolve("com/acme"));
    Files.writeString(out.resolve("com/acme/A.java"), "class A {}\n");
    record =
        new SpecRecord(
            List.of(FileStamp.of(spec.toString(), spec), FileStamp.of(weights.toString(), weights)),
            List.of(FileStamp.of("com/acme/A.java", out.resolve("com/acme/A.java"))));
  }

  @Test
  void unchangedFilesAreUpToDate() throws IOException {
    assertThat(record.isUpToDate(out)).isTrue();
    assertThat(record.outputPaths()).containsExactly("com/acme/A.java");
  }

  @Test
  void aTouchedInputIsStaleEvenIfOlder() throws IOException {
    FileTime t = Files.getLastModifiedTime(weights);
    Files.setLastModifiedTime(weights, FileTime.fromMillis(t.toMillis() - 60_000));
    assertThat(record.isUpToDate(out)).isFalse();
  }

  @Test
  void anInputOfAnotherSizeIsStale() throws IOException {
    FileTime t = Files.getLastModifiedTime(spec);
    Files.writeString(spec, "rnnc: 1\nname: B\n");
    Files.setLastModifiedTime(spec, t);
    assertThat(record.isUpToDate(out)).isFalse();
  }

  @Test
  void aMissingInputIsStale() throws IOException {
    Files.delete(weights);
    assertThat(record.isUpToDate(out)).isFalse();
  }

  @Test
  void anEditedOrMissingOutputIsStale() throws IOException {
    Path java = out.resolve("com/acme/A.java");
    Files.setLastModifiedTime(java, FileTime.fromMillis(0));
    assertThat(record.isUpToDate(out)).isFalse();
    Files.delete(java);
    assertThat(record.isUpToDate(out)).isFalse();
  }

  @Test
  void outputsAreResolvedAgainstTheGivenDirectory() throws IOException {
    assertThat(record.isUpToDate(dir.resolve("elsewhere"))).isFalse();
  }

  @Test
  void aStampOfAMissingFileNeverMatches() throws IOException {
    FileStamp missing = FileStamp.of("x", dir.resolve("x"));
    assertThat(missing).isEqualTo(new FileStamp("x", -1, -1));
    assertThat(missing.matches(dir.resolve("x"))).isFalse();
  }
}
