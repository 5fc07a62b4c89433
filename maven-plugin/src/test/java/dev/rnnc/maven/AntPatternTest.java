package dev.rnnc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AntPatternTest {

  @Test
  void doubleStarMatchesZeroOrMoreDirectories() {
    AntPattern p = AntPattern.compile("**/*.yaml");
    assertThat(p.matches("a.yaml")).isTrue();
    assertThat(p.matches("x/a.yaml")).isTrue();
    assertThat(p.matches("x/y/a.yaml")).isTrue();
    assertThat(p.matches("a.yml")).isFalse();
    assertThat(p.matches("a.yaml.bak")).isFalse();
  }

  @Test
  void singleStarStaysInOneSegment() {
    AntPattern p = AntPattern.compile("models/*.yaml");
    assertThat(p.matches("models/a.yaml")).isTrue();
    assertThat(p.matches("models/x/a.yaml")).isFalse();
    assertThat(p.matches("a.yaml")).isFalse();
  }

  @Test
  void doubleStarInTheMiddle() {
    AntPattern p = AntPattern.compile("**/drafts/**");
    assertThat(p.matches("drafts/a.yaml")).isTrue();
    assertThat(p.matches("x/drafts/y/a.yaml")).isTrue();
    assertThat(p.matches("x/mydrafts/a.yaml")).isFalse();
  }

  @Test
  void trailingSlashMeansEverythingBelow() {
    AntPattern p = AntPattern.compile("drafts/");
    assertThat(p.matches("drafts/a.yaml")).isTrue();
    assertThat(p.matches("drafts/x/a.yaml")).isTrue();
    assertThat(p.matches("a.yaml")).isFalse();
  }

  @Test
  void questionMarkIsOneCharacter() {
    AntPattern p = AntPattern.compile("m?.yaml");
    assertThat(p.matches("m1.yaml")).isTrue();
    assertThat(p.matches("m12.yaml")).isFalse();
    assertThat(p.matches("m/.yaml")).isFalse();
  }

  @Test
  void backslashesSeparateSegmentsAndRegexCharactersAreLiteral() {
    assertThat(AntPattern.compile("models\\*.yaml").matches("models/a.yaml")).isTrue();
    AntPattern p = AntPattern.compile("a+b (1).yaml");
    assertThat(p.matches("a+b (1).yaml")).isTrue();
    assertThat(p.matches("aab (1).yaml")).isFalse();
    assertThat(AntPattern.compile("a.yaml").matches("abyaml")).isFalse();
  }
}
