package dev.rnnc.compiler.serve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test helper: a headless Chromium driven over the Chrome DevTools Protocol, with the JDK's
 * WebSocket client: open a page, evaluate JavaScript in it, wait for a condition, take a
 * screenshot. Nothing else (no Selenium, no driver binary).
 */
final class Chromium implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final String session;

  /**
   * The Chromium to use: {@code RNNC_CHROMIUM} if set, else {@code chromium}, {@code
   * chromium-browser}, {@code google-chrome} on the PATH.
   */
  static Optional<Path> find() {
    String given = System.getenv("RNNC_CHROMIUM");
    if (given != null && !given.isBlank()) {
      Path p = Path.of(given);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path p = Path.of(dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts a headless browser with a fresh profile and a window of the given size. */
  static Chromium start(Path executable, int width, int height) throws Exception {
    Path profile = Files.createTempDirectory("rnnc-chromium");
    List<String> command =
        new ArrayList<>(
            List.of(
                executable.toString(),
                "--headless=new",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile));
    if ("root".equals(System.getProperty("user.name"))) {
      command.add("--no-sandbox"); // Chromium's sandbox refuses to run as root (CI containers)
    }
    command.add("about:blank");
    Process process =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String endpoint = devToolsEndpoint(process);
      return new Chromium(process, profile, endpoint);
    } catch (Exception e) {
      process.destroyForcibly();
      deleteTree(profile);
      throw e;
    }
  }

  /** Reads Chromium's standard error until it says where its DevTools endpoint listens. */
  private static String devToolsEndpoint(Process process) throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> found = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                  int at = line.indexOf("ws://");
                  if (line.startsWith("DevTools listening on ") && at >= 0) {
                    found.complete(line.substring(at).strip());
                  }
                }
                found.completeExceptionally(new IOException("Chromium exited before listening"));
              } catch (IOException e) {
                found.completeExceptionally(e);
              }
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      return found.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("Chromium did not start its DevTools endpoint: " + e, e);
    }
  }

  private Chromium(Process process, Path profile, String endpoint) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(URI.create(endpoint), new Listener())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    String target =
        call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asString();
    this.session =
        call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
            .get("sessionId")
            .asString();
    call(session, "Page.enable", Map.of());
    call(session, "Runtime.enable", Map.of());
  }

  /** Collects a message's frames and completes the call it answers. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonNode message = JSON.readTree(text.toString());
        text.setLength(0);
        if (message.has("id")) {
          CompletableFuture<JsonNode> call = pending.remove(message.get("id").asInt());
          if (call != null) {
            if (message.has("error")) {
              call.completeExceptionally(
                  new IllegalStateException(message.get("error").toString()));
            } else {
              call.complete(message.get("result"));
            }
          }
        }
      }
      ws.request(1);
      return null;
    }
  }

  /**
   * Sends one DevTools command (to the page when {@code session} is set) and waits for its result.
   */
  private JsonNode call(String session, String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, result);
    socket
        .sendText(JSON.writeValueAsString(message), true)
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Opens a page and waits until it has loaded. */
  void open(URI url) throws Exception {
    call(session, "Page.navigate", Map.of("url", url.toString()));
    waitFor("document.readyState === 'complete'");
  }

  /** The value of a JavaScript expression in the page (promises are awaited). */
  JsonNode eval(String expression) throws Exception {
    JsonNode r =
        call(
            session,
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException(
          "JavaScript failed: " + r.get("exceptionDetails").toString() + " in " + expression);
    }
    JsonNode value = r.get("result").get("value");
    return value == null ? JSON.nullNode() : value;
  }

  /** Waits until a JavaScript expression is true in the page. */
  void waitFor(String expression) throws Exception {
    waitFor(
        expression,
        () -> {
          try {
            return eval("Boolean(" + expression + ")").asBoolean();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the page never got to: " + what);
      }
      Thread.sleep(50);
    }
  }

  /** A PNG of what the page shows. */
  byte[] screenshot() throws Exception {
    JsonNode r = call(session, "Page.captureScreenshot", Map.of("format", "png"));
    return Base64.getDecoder().decode(r.get("data").asString());
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the browser goes away below in any case
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  /** Deletes the browser's profile; what a late write leaves behind stays in the temp folder. */
  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // Chromium may still be writing as it exits; a temp folder is the place for leftovers.
    }
  }
}
