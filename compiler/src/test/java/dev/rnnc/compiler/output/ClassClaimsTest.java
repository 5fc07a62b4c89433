package dev.rnnc.compiler.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClassClaimsTest {

  @Test
  void secondClaimOfAnOutputIsAnErrorAtTheSecondSpec() {
    ClassClaims claims = new ClassClaims("--package", null);
    assertThat(claims.claim("a/Echo.java", "one.yaml", Path.of("one.yaml"))).isEmpty();
    assertThat(claims.claim("a/Other.java", "two.yaml", Path.of("two.yaml"))).isEmpty();
    Diagnostic d = claims.claim("a/Echo.java", "three.yaml", Path.of("three.yaml")).orElseThrow();
    assertThat(d.code()).isEqualTo(Code.DUPLICATE_CLASS);
    assertThat(d.headline())
        .isEqualTo("three.yaml:1:1: error: generates a/Echo.java, which one.yaml generates too");
    assertThat(d.hint()).isEqualTo("give one of the two specs another 'name' or 'package'");
  }

  @Test
  void keptClaimsWinAndTheHintNamesTheSetting() {
    ClassClaims claims = new ClassClaims("packageName", "com.acme");
    claims.keep("com/acme/Echo.java", "old.yaml");
    Diagnostic d =
        claims.claim("com/acme/Echo.java", "new.yaml", Path.of("new.yaml")).orElseThrow();
    assertThat(d.message()).isEqualTo("generates com/acme/Echo.java, which old.yaml generates too");
    assertThat(d.hint())
        .isEqualTo("give one of the two specs another 'name' (packageName puts both in com.acme)");
  }

  @Test
  void slashesJoinPathElements() {
    assertThat(ClassClaims.slashes(Path.of("com", "acme", "Echo.java")))
        .isEqualTo("com/acme/Echo.java");
  }
}
