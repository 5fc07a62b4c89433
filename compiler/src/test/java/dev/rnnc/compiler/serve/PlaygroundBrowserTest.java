package dev.rnnc.compiler.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The playground in a real browser (headless Chromium, Debian's {@code chromium} package): the page
 * draws the network and plots a run; a mistake typed into the spec shows its diagnostic at its line
 * and column, and fixing it brings the picture back with the change. Skipped, saying so, when no
 * Chromium is installed ({@code .ci/run} installs one).
 *
 * <p>Its screenshots go to {@code target/playground/}; {@code -Dplayground.screenshots=../docs}
 * also writes them there, to refresh README's.
 */
@Timeout(120)
class PlaygroundBrowserTest {

  private static final Path SPEC = Path.of("../specs/examples/window_sentiment.yaml");

  @Test
  void editSeeTheMistakeFixItAndThePictureFollows() throws Exception {
    Optional<Path> chromium = Chromium.find();
    if (chromium.isEmpty()) {
      String why =
          "no Chromium found (RNNC_CHROMIUM, or chromium on the PATH; apt-get install chromium):"
              + " the browser test of rnnc serve is skipped";
      System.err.println("PlaygroundBrowserTest: " + why);
      assumeTrue(false, why);
    }
    String original = Files.readString(SPEC);
    try (Playground playground = Playground.start(new Playground.Options("127.0.0.1", 0, SPEC));
        Chromium browser = Chromium.start(chromium.get(), 1440, 1000)) {
      browser.open(playground.url());

      // The page checks the spec, draws it and runs it on its example text.
      browser.waitFor("document.querySelector('#graph svg.rnnc-graph')");
      browser.waitFor("document.querySelector('#plot svg.rnnc-plot path[data-column]')");
      assertThat(strings(browser.eval(names("#graph g.node"))))
          .containsExactly("praise", "negation", "score");
      assertThat(browser.eval("document.querySelectorAll('#graph g.edge.backward').length").asInt())
          .isEqualTo(1);
      assertThat(strings(browser.eval(columns()))).containsExactly("score", "praise", "negation");
      assertThat(browser.eval("document.querySelector('#facts').textContent").asString())
          .contains("praise → negation → score", "score → praise", "state size1");
      assertThat(browser.eval("document.querySelector('#status').textContent").asString())
          .isEqualTo("✓ checks");
      saveScreenshot(browser.screenshot(), "playground.png");

      // Hovering a key shows what it means, from the JSON Schema (specs/rnnc.schema.json).
      int score = lineOf(original, "  score:    {activation: sigmoid}");
      browser.waitFor("document.querySelector('.highlight')");
      String tip =
          browser
              .eval(
                  "new Promise(done => {"
                      + " const key = document.querySelectorAll('.highlight .l')["
                      + (score - 1)
                      + "].querySelectorAll('.k')[1];"
                      + " const box = key.getBoundingClientRect();"
                      + " const at = {clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,"
                      + " bubbles: true};"
                      + " const poll = () => { document.querySelector('#source')"
                      + ".dispatchEvent(new MouseEvent('mousemove', at));"
                      + " const tip = document.querySelector('.tip');"
                      + " if (!tip.hidden) done(tip.textContent); else setTimeout(poll, 50); };"
                      + " poll(); })")
              .asString();
      assertThat(tip).startsWith("activation: The activation function");

      // A mistake: the diagnostic of rnnc check, at its line and column, in the gutter and text.
      int line = lineOf(original, "  score:    {activation: sigmoid}");
      int column = original.lines().toList().get(line - 1).indexOf("sigmoid") + 1;
      type(browser, original.replace("{activation: sigmoid}", "{activation: sigmoidd}"));
      browser.waitFor("document.querySelector('#status').classList.contains('error')");
      JsonNode diagnostic =
          browser.eval(
              "(() => { const li = document.querySelector('#diagnostics li');"
                  + " return {line: +li.dataset.line, column: +li.dataset.column,"
                  + " text: li.textContent}; })()");
      assertThat(diagnostic.get("line").asInt()).isEqualTo(line);
      assertThat(diagnostic.get("column").asInt()).isEqualTo(column);
      assertThat(diagnostic.get("text").asString())
          .isEqualTo(
              line
                  + ":"
                  + column
                  + "error: unknown activation 'sigmoidd'hint: did you mean 'sigmoid'?");
      assertThat(
              browser
                  .eval(
                      "document.querySelectorAll('.gutter-lines div')["
                          + (line - 1)
                          + "].className")
                  .asString())
          .isEqualTo("error");
      assertThat(
              browser
                  .eval(
                      "document.querySelectorAll('.marks .l')["
                          + (line - 1)
                          + "].querySelector('.squiggle').textContent")
                  .asString())
          .isEqualTo("sigmoidd");
      assertThat(
              browser
                  .eval("document.querySelector('#graph').classList.contains('stale')")
                  .asBoolean())
          .isTrue();
      saveScreenshot(browser.screenshot(), "playground-diagnostic.png");

      // The fix, with a new neuron: the picture comes back, with it.
      String fixed =
          original
              .replace(
                  "  score:    {activation: sigmoid}\n",
                  "  score:    {activation: sigmoid}\n  alarm:    {activation: relu}\n")
              .replace(
                  "  - negation -> score: -0.5\n",
                  "  - negation -> score: -0.5\n  - score -> alarm: 2.0\n")
              .replace(
                  "outputs: [score, praise, negation]",
                  "outputs: [score, praise, negation, alarm]");
      type(browser, fixed);
      browser.waitFor("document.querySelector('#graph g.node[data-name=\"alarm\"]')");
      browser.waitFor("document.querySelector('#status').classList.contains('ok')");
      assertThat(
              browser
                  .eval("document.querySelector('#graph').classList.contains('stale')")
                  .asBoolean())
          .isFalse();
      assertThat(browser.eval("document.querySelectorAll('#diagnostics li').length").asInt())
          .isZero();
      browser.waitFor("document.querySelector('#plot path[data-column=\"alarm\"]')");
    }
  }

  /** Replaces the editor's text as typing would: the textarea's value, then an input event. */
  private static void type(Chromium browser, String text) throws Exception {
    int before = browser.eval("+document.querySelector('#status').dataset.version").asInt();
    browser.eval(
        "(() => { const a = document.querySelector('#source'); a.value = "
            + jsString(text)
            + "; a.dispatchEvent(new Event('input', {bubbles: true})); })()");
    browser.waitFor("+document.querySelector('#status').dataset.version > " + before);
  }

  private static String names(String selector) {
    return "[...document.querySelectorAll('" + selector + "')].map(n => n.dataset.name)";
  }

  private static String columns() {
    return "[...document.querySelectorAll('#plot path[data-column]')].map(p => p.dataset.column)";
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asString()));
    return list;
  }

  private static int lineOf(String text, String content) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals(content)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line " + content);
  }

  /** A JavaScript string literal. */
  private static String jsString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static void saveScreenshot(byte[] png, String name) throws Exception {
    assertThat(png).hasSizeGreaterThan(20_000);
    assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    Files.write(Files.createDirectories(Path.of("target/playground")).resolve(name), png);
    String folder = System.getProperty("playground.screenshots", "");
    if (!folder.isBlank()) {
      Files.write(Files.createDirectories(Path.of(folder)).resolve(name), png);
    }
  }
}
