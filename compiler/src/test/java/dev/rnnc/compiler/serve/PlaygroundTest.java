package dev.rnnc.compiler.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.cli.Main;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.generate.GenerateOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rnnc serve}'s JSON endpoints and page, over HTTP with the JDK's client. */
@org.junit.jupiter.api.Timeout(60)
class PlaygroundTest {

  private static final Path SENTIMENT = Path.of("../specs/examples/window_sentiment.yaml");
  private static final JsonMapper JSON = JsonMapper.shared();

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Playground playground;

  @AfterEach
  void stop() {
    if (playground != null) {
      playground.close();
    }
  }

  private Playground serve(Path spec) throws IOException {
    playground = Playground.start(new Playground.Options("127.0.0.1", 0, spec));
    return playground;
  }

  private URI uri(String path) {
    return playground.url().resolve(path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String type, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode check(String spec) throws Exception {
    HttpResponse<String> r = post("/api/check", "text/plain; charset=utf-8", spec);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private JsonNode run(String spec, Map<String, String> fields) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("spec", spec);
    form.putAll(fields);
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> f : form.entrySet()) {
      body.append(body.isEmpty() ? "" : "&")
          .append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = post("/api/run", "application/x-www-form-urlencoded", body.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void thePageAndEverythingItLoadsComeFromTheJar() throws Exception {
    serve(SENTIMENT);
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'");
    assertThat(page.body())
        .contains("<textarea id=\"source\"", "/playground.js", "/playground.css");
    assertThat(page.body()).doesNotContain("http://", "https://");
    for (String asset : List.of("/playground.js", "/editor.js", "/plot.js", "/playground.css")) {
      HttpResponse<String> r = get(asset);
      assertThat(r.statusCode()).as(asset).isEqualTo(200);
      // Nothing is fetched from elsewhere (the SVG namespace is a name, not a download).
      assertThat(r.body().replace("http://www.w3.org/2000/svg", ""))
          .as(asset)
          .isNotEmpty()
          .doesNotContain("http://", "https://");
    }
    assertThat(get("/plot.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(JSON.readTree(get("/rnnc.schema.json").body()).get("title").asString())
        .startsWith("rnnc spec");
  }

  @Test
  void theSpecIsReadFromItsFile() throws Exception {
    serve(SENTIMENT);
    JsonNode spec = JSON.readTree(get("/api/spec").body());
    assertThat(spec.get("file").asString()).isEqualTo("window_sentiment.yaml");
    assertThat(spec.get("example").asBoolean()).isFalse();
    assertThat(spec.get("text").asString()).isEqualTo(Files.readString(SENTIMENT));
  }

  @Test
  void aGoodSpecGetsItsOrderBackwardEdgesStateSizeAndPicture() throws Exception {
    serve(SENTIMENT);
    JsonNode r = check(Files.readString(SENTIMENT));
    assertThat(r.get("ok").asBoolean()).isTrue();
    assertThat(r.get("diagnostics")).isEmpty();
    JsonNode model = r.get("model");
    assertThat(model.get("order").toString()).isEqualTo("[\"praise\",\"negation\",\"score\"]");
    assertThat(model.get("backward").toString()).isEqualTo("[[\"score\",\"praise\"]]");
    assertThat(model.get("state_size").asInt()).isEqualTo(1);
    assertThat(r.get("svg").asString()).startsWith("<svg ").contains("class=\"edge backward\"");
    JsonNode input = r.get("inputs").get(0);
    assertThat(input.get("name").asString()).isEqualTo("words");
    assertThat(input.get("terms").toString()).contains("\"not good\"");
  }

  @Test
  void aBadSpecGetsTheMessagesOfRnncCheckAtTheirLinesAndColumns() throws Exception {
    serve(SENTIMENT);
    String text =
        Files.readString(SENTIMENT)
            .replace("{activation: sigmoid}", "{activation: sigmoidd}")
            .replace("praise -> score", "praize -> score");
    JsonNode r = check(text);
    assertThat(r.get("ok").asBoolean()).isFalse();
    assertThat(r.has("svg")).isFalse();

    // The same diagnostics as rnnc check gives the same text in a file.
    Path file = Files.writeString(dir.resolve("window_sentiment.yaml"), text);
    List<Diagnostic> expected;
    try {
      Compiler.load(file);
      throw new AssertionError("accepted");
    } catch (SpecException e) {
      expected = e.diagnostics();
    }
    List<String> got = new ArrayList<>();
    for (JsonNode d : r.get("diagnostics")) {
      got.add(
          d.get("line").asInt()
              + ":"
              + d.get("column").asInt()
              + " "
              + d.get("code").asString()
              + " "
              + d.get("message").asString()
              + " | "
              + d.get("hint").asString());
      assertThat(d.get("file").asString()).isEqualTo("window_sentiment.yaml");
    }
    assertThat(got)
        .containsExactlyElementsOf(
            expected.stream()
                .map(
                    d ->
                        d.position().line()
                            + ":"
                            + d.position().column()
                            + " "
                            + d.code().id()
                            + " "
                            + d.message()
                            + " | "
                            + d.hint())
                .toList());
    assertThat(got).hasSize(2).first().asString().startsWith("19:26 bad-value unknown activation");
  }

  @Test
  void aRunPrintsWhatRnncRunPrints() throws Exception {
    serve(SENTIMENT);
    String text = "not bad at all, great cast";
    JsonNode r = run(Files.readString(SENTIMENT), Map.of("input.words", text));
    assertThat(r.get("ok").asBoolean()).isTrue();
    assertThat(r.get("stopped").isNull()).isTrue();

    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new String[] {"run", SENTIMENT.toString(), "--text", text, "--interpret"},
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(String.join(",", strings(r.get("columns")))).isEqualTo(lines.get(0));
    JsonNode rows = r.get("rows");
    assertThat(rows).hasSize(lines.size() - 1);
    for (int i = 0; i < rows.size(); i++) {
      List<String> cells = new ArrayList<>();
      JsonNode row = rows.get(i);
      cells.add(Long.toString(row.get(0).asLong()));
      for (int c = 1; c < row.size(); c++) {
        cells.add(Double.toString(row.get(c).asDouble()));
      }
      assertThat(String.join(",", cells)).isEqualTo(lines.get(i + 1));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asString()));
    return list;
  }

  @Test
  void badInputDataIsLocatedInItsBox() throws Exception {
    serve(null);
    String spec = new String(Playground.class.getResourceAsStream("example.yaml").readAllBytes());
    JsonNode r = run(spec, Map.of("input.x", "0.5\n0.25\nlots\n"));
    assertThat(r.get("ok").asBoolean()).isFalse();
    JsonNode d = r.get("diagnostics").get(0);
    assertThat(d.get("input").asString()).isEqualTo("x");
    assertThat(d.get("line").asInt()).isEqualTo(3);
    assertThat(d.get("message").asString()).contains("lots");

    JsonNode missing = run(spec, Map.of());
    assertThat(missing.get("ok").asBoolean()).isFalse();
    assertThat(missing.get("error").asString()).isEqualTo("no data for input x");
  }

  @Test
  void aModelWithoutInputsRunsForTheStepsAsked() throws Exception {
    serve(null);
    String spec =
        "rnnc: 1\nname: Osc\nneurons: {c: {initial: 1}, s: {}}\n"
            + "edges: [\"c -> s\": 0.2, \"s -> c\": -0.2, \"c -> c\": 0.98]\noutputs: [c, s]\n";
    JsonNode r = run(spec, Map.of("steps", "12"));
    assertThat(r.get("rows")).hasSize(12);
    assertThat(strings(r.get("columns"))).containsExactly("step", "c", "s");
    HttpResponse<String> bad =
        post("/api/run", "application/x-www-form-urlencoded", "spec=x&steps=many");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("steps must be a whole number");
  }

  @Test
  void theJavaDownloadIsWhatRnncCompileWrites() throws Exception {
    serve(SENTIMENT);
    HttpResponse<String> r =
        post("/api/java", "text/plain; charset=utf-8", Files.readString(SENTIMENT));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"WindowSentiment.java\"");
    String expected =
        Compiler.generate(
                Compiler.load(SENTIMENT),
                GenerateOptions.defaults().withSourceName("window_sentiment.yaml"))
            .content();
    assertThat(r.body()).isEqualTo(expected);

    HttpResponse<String> bad = post("/api/java", "text/plain", "rnnc: 1\n");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("missing the key 'name'");
  }

  @Test
  void itReadsNoFileOutsideTheSpecsFolder() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("project/model"));
    Files.writeString(dir.resolve("project/secret.csv"), "1,2\n");
    Files.writeString(folder.resolve("bias.csv"), "3,4\n");
    Path spec = Files.writeString(folder.resolve("m.yaml"), "rnnc: 1\n");
    serve(spec);
    String template = "rnnc: 1\nname: M\ngroups: {h: {size: 2, bias: {file: %s}}}\noutputs: [h]\n";
    assertThat(check(template.formatted("bias.csv")).get("ok").asBoolean()).isTrue();
    for (String outside :
        List.of("../secret.csv", dir.resolve("project/secret.csv").toString(), "/etc/passwd")) {
      JsonNode r = check(template.formatted(outside));
      assertThat(r.get("ok").asBoolean()).isFalse();
      assertThat(r.get("diagnostics").get(0).get("message").asString())
          .startsWith("cannot read '" + outside + "': only files below the spec's folder");
    }
  }

  @Test
  void withoutASpecItEditsAnExampleAndReadsNoFile() throws Exception {
    serve(null);
    JsonNode spec = JSON.readTree(get("/api/spec").body());
    assertThat(spec.get("example").asBoolean()).isTrue();
    assertThat(check(spec.get("text").asString()).get("ok").asBoolean()).isTrue();
    JsonNode r =
        check("rnnc: 1\nname: M\ngroups: {h: {size: 2, bias: {file: b.csv}}}\noutputs: [h]\n");
    assertThat(r.get("diagnostics").get(0).get("message").asString())
        .contains("started without a spec file, so it reads no files");
  }

  @Test
  void requestsAreCheckedAndLimited() throws Exception {
    serve(SENTIMENT);
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(get("/../../etc/passwd").statusCode()).isEqualTo(404);
    assertThat(get("/api/check").statusCode()).isEqualTo(405);
    assertThat(post("/api/spec", "text/plain", "").statusCode()).isEqualTo(405);
    HttpResponse<String> json = post("/api/check", "application/json", "{}");
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(json.body()).contains("send text/plain");
    // Refused from its length, before the body is sent: a raw request shows the answer.
    String big =
        raw(
            "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: text/plain\r\n"
                + "Content-Length: "
                + (Playground.MAX_BODY + 1)
                + "\r\nConnection: close\r\n\r\n");
    assertThat(big).startsWith("HTTP/1.1 413").contains("requests are limited to 8 MiB");
    // A body that says nothing of its length is cut off at the limit.
    HttpResponse<String> streamed =
        http.send(
            HttpRequest.newBuilder(uri("/api/check"))
                .header("Content-Type", "text/plain")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[Playground.MAX_BODY + 1])))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.statusCode()).isEqualTo(413);

    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/check"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("rnnc: 1"));
    HttpResponse<String> foreign =
        http.send(
            request.copy().header("Origin", "https://example.com").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    HttpResponse<String> same =
        http.send(
            request.copy().header("Origin", "http://" + playground.url().getAuthority()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(same.statusCode()).isEqualTo(200);
  }

  /** Sends a request as written ({@code %d} is the port) and returns the whole response. */
  private String raw(String request) throws IOException {
    int port = playground.url().getPort();
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.getOutputStream().write(request.formatted(port).getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput(); // nothing more comes: the server need not wait for a body

      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void itAnswersOnlyToItsOwnName() throws Exception {
    serve(SENTIMENT);
    // The JDK's client does not let a request name another Host; a raw socket does.
    int port = playground.url().getPort();
    String response =
        raw("GET /api/spec HTTP/1.1\r\nHost: attacker.example:%d\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 403").contains("answers to 127.0.0.1:" + port);
    assertThat(playground.loopback()).isTrue();
    assertThat(playground.url().toString()).matches("http://127\\.0\\.0\\.1:[0-9]+/");
  }
}
