package dev.rnnc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ToolVersionTest {

  @Test
  void aReleaseJarIsItsVersion() {
    String v = ToolVersion.of(Assertions.class, "org.assertj", "assertj-core");
    assertThat(v).matches("\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void codeWithoutVersionIsIdentifiedByItsLocation() {
    assertThat(ToolVersion.of(ToolVersionTest.class, "dev.rnnc", "nothing-here"))
        .startsWith("unversioned test-classes ");
    assertThat(ToolVersion.of(String.class, "dev.rnnc", "nothing-here"))
        .isEqualTo("unversioned (unknown location)");
  }
}
