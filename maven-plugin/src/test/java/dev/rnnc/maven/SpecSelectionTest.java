package dev.rnnc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecSelectionTest {

  @TempDir Path dir;

  private void touch(String relative) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "");
  }

  @Test
  void defaultsFindYamlAndYmlSortedSkippingHiddenFiles() throws IOException {
    for (String f :
        List.of(
            "b.yaml",
            "a.yml",
            "sub/c.yaml",
            "w.csv",
            ".hidden.yaml",
            ".git/x.yaml",
            "sub/.#c.yaml")) {
      touch(f);
    }
    assertThat(SpecSelection.of(null, null).find(dir))
        .containsExactly("a.yml", "b.yaml", "sub/c.yaml");
    assertThat(SpecSelection.of(List.of(), List.of()).find(dir))
        .containsExactly("a.yml", "b.yaml", "sub/c.yaml");
  }

  @Test
  void excludesWinOverIncludes() throws IOException {
    for (String f : List.of("a.yaml", "drafts/b.yaml", "c.yaml")) {
      touch(f);
    }
    SpecSelection s = SpecSelection.of(List.of("**/*.yaml"), List.of("drafts/**", "c.*"));
    assertThat(s.find(dir)).containsExactly("a.yaml");
  }

  @Test
  void missingDirectoryHasNoSpecs() throws IOException {
    assertThat(SpecSelection.of(null, null).find(dir.resolve("nope"))).isEmpty();
  }
}
