package dev.rnnc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateTest {

  @TempDir Path dir;

  private static BuildState sample() {
    TreeMap<String, SpecRecord> specs = new TreeMap<>();
    specs.put(
        "models/a b=c:d.yaml",
        new SpecRecord(
            List.of(
                new FileStamp(
                    "/p/src/main/rnnc/models/a b=c:d.yaml", 812, 1_732_540_800_123_456_789L),
                new FileStamp("/p/weights/ünï\ncode #1.npy", 96, 5)),
            List.of(new FileStamp("com/acme/A.java", 5120, 7))));
    specs.put("z.yaml", new SpecRecord(List.of(new FileStamp("/p/z.yaml", 1, 2)), List.of()));
    return new BuildState(new TreeMap<>(Map.of("compiler", "0.1.0", "standalone", "false")), specs);
  }

  @Test
  void roundTripsOddPaths() throws IOException {
    Path file = dir.resolve("rnnc/default.state");
    sample().write(file);
    assertThat(BuildState.read(file)).isEqualTo(sample());
  }

  @Test
  void formatIsSortedAndIndependentOfInsertionOrder() throws IOException {
    String text = sample().format();
    List<String> entries = text.lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(entries).isSortedAccordingTo(String::compareTo);
    assertThat(entries)
        .contains("config.compiler=0.1.0", "format=1", "spec.z.yaml.input.0=1 2 /p/z.yaml");
    TreeMap<String, SpecRecord> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
    reversed.putAll(sample().specs());
    assertThat(new BuildState(sample().config(), reversed).format()).isEqualTo(text);
  }

  @Test
  void writingTheSameStateLeavesTheFileUntouched() throws IOException {
    Path file = dir.resolve("s.state");
    sample().write(file);
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, old);
    sample().write(file);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
  }

  @Test
  void missingDamagedOrForeignFilesReadAsEmpty() throws IOException {
    assertThat(BuildState.read(dir.resolve("missing.state"))).isEqualTo(BuildState.empty());
    for (String text :
        List.of(
            "format=2\n",
            "config.compiler=x\n",
            "format=1\nspec.a.yaml.input.0=not a stamp\n",
            "format=1\nspec.a.yaml.input.1=1 2 /gap\n",
            "format=1\nspec.a.yaml.output.0=1 2 Out.java\n",
            "format=1\nsomething=else\n",
            "format=1\nbad=\\u12\n")) {
      Path file = dir.resolve("damaged.state");
      Files.writeString(file, text);
      assertThat(BuildState.read(file)).as(text).isEqualTo(BuildState.empty());
    }
  }
}
