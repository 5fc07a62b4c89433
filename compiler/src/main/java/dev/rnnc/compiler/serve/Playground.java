package dev.rnnc.compiler.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rnnc.compiler.check.FileAccess;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.doc.SpecSchema;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.report.CheckReport;
import dev.rnnc.compiler.report.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * {@code rnnc serve}: a local web page to edit a spec and see, as it is typed, its diagnostics at
 * their lines, its network picture, its order and backward edges, and its outputs over pasted data;
 * with the generated Java to download. Served with the JDK's HTTP server; every page, script and
 * style comes from this jar, and nothing is fetched from elsewhere.
 *
 * <p>It reads no file but the spec it was started with and, for the weights and vocabularies that
 * spec names, files below the spec's folder. Requests are limited in size, must name this server as
 * their host (so that another web site cannot reach it through DNS rebinding) and, when a browser
 * says where they come from, must come from the page itself.
 */
public final class Playground implements AutoCloseable {

  /** Largest request body: a spec and its input data. */
  static final int MAX_BODY = 8 * 1024 * 1024;

  /** The spec shown when none is given. */
  private static final String EXAMPLE = "example.yaml";

  /** The page and what it loads: path, resource, content type. */
  private static final Map<String, String[]> ASSETS =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/playground.css", new String[] {"playground.css", "text/css; charset=utf-8"},
          "/playground.js", new String[] {"playground.js", "text/javascript; charset=utf-8"},
          "/editor.js", new String[] {"editor.js", "text/javascript; charset=utf-8"},
          "/plot.js", new String[] {"plot.js", "text/javascript; charset=utf-8"});

  private static final String SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /**
   * How the playground is started.
   *
   * @param host the address to listen on (a loopback address unless asked otherwise)
   * @param port the port; 0 picks a free one
   * @param spec the spec to edit, or null for an example that reads no files
   */
  public record Options(String host, int port, Path spec) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Workbench workbench;
  private final Path spec;
  private final boolean loopback;
  private final URI url;

  private Playground(HttpServer server, ExecutorService executor, Options options)
      throws IOException {
    this.server = server;
    this.executor = executor;
    this.spec = options.spec();
    InetAddress address = server.getAddress().getAddress();
    this.loopback = address.isLoopbackAddress();
    Path source = spec == null ? Path.of(EXAMPLE) : spec.toAbsolutePath().normalize();
    FileAccess access =
        spec == null
            ? FileAccess.none(
                "the playground was started without a spec file, so it reads no files;"
                    + " start it with rnnc serve SPEC to use files below SPEC's folder")
            : FileAccess.below(source.getParent());
    this.workbench = new Workbench(source, access);
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    this.url = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
  }

  /**
   * Starts serving; returns once the server listens.
   *
   * @throws IOException if the address cannot be bound (a port in use, an unknown host)
   */
  public static Playground start(Options options) throws IOException {
    InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
    if (address.isUnresolved()) {
      throw new IOException("unknown host " + options.host());
    }
    HttpServer server = HttpServer.create(address, 16);
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "rnnc-serve");
          t.setDaemon(true);
          return t;
        };
    ExecutorService executor = Executors.newFixedThreadPool(2, threads);
    Playground playground = new Playground(server, executor, options);
    server.createContext("/", playground::handle);
    server.setExecutor(executor);
    server.start();
    return playground;
  }

  /** Where the page is, e.g. {@code http://127.0.0.1:8765/}. */
  public URI url() {
    return url;
  }

  /** Whether the server listens on a loopback address only. */
  public boolean loopback() {
    return loopback;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------------------------- requests

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        respond(exchange);
      } catch (HttpError e) {
        send(
            exchange,
            e.status,
            "application/json; charset=utf-8",
            json(Map.of("error", e.getMessage())));
      } catch (RuntimeException | OutOfMemoryError e) {
        String what = e instanceof OutOfMemoryError ? "out of memory" : e.toString();
        send(
            exchange,
            500,
            "application/json; charset=utf-8",
            json(Map.of("error", "the playground failed: " + what)));
      }
    }
  }

  /** A request that gets an error status and a message. */
  private static final class HttpError extends Exception {
    final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private void respond(HttpExchange exchange) throws IOException, HttpError {
    checkHost(exchange);
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    String[] asset = ASSETS.get(path);
    if (asset != null) {
      requireMethod(method, "GET");
      send(exchange, 200, asset[1], resource(asset[0]));
      return;
    }
    switch (path) {
      case "/rnnc.schema.json" -> {
        requireMethod(method, "GET");
        send(exchange, 200, "application/schema+json; charset=utf-8", bytes(SpecSchema.json()));
      }
      case "/api/spec" -> {
        requireMethod(method, "GET");
        send(exchange, 200, "application/json; charset=utf-8", json(specFile()));
      }
      case "/api/check" -> {
        requireMethod(method, "POST");
        String text = body(exchange, "text/plain");
        send(exchange, 200, "application/json; charset=utf-8", json(workbench.check(text)));
      }
      case "/api/run" -> {
        requireMethod(method, "POST");
        Map<String, String> form = form(body(exchange, "application/x-www-form-urlencoded"));
        String text = form.get("spec");
        if (text == null) {
          throw new HttpError(400, "the form has no field 'spec'");
        }
        Map<String, String> data = new LinkedHashMap<>();
        form.forEach(
            (k, v) -> {
              if (k.startsWith("input.")) {
                data.put(k.substring("input.".length()), v);
              }
            });
        int steps = steps(form.get("steps"));
        send(
            exchange,
            200,
            "application/json; charset=utf-8",
            json(workbench.run(text, data, steps)));
      }
      case "/api/java" -> {
        requireMethod(method, "POST");
        String text = body(exchange, "text/plain");
        try {
          GeneratedFile file = workbench.java(text);
          exchange
              .getResponseHeaders()
              .set(
                  "Content-Disposition",
                  "attachment; filename=\"" + file.relativePath().getFileName() + "\"");
          send(exchange, 200, "text/x-java-source; charset=utf-8", file.bytes());
        } catch (SpecException e) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("error", "the spec has errors; fix them to get its Java");
          m.put("diagnostics", CheckReport.diagnostics(e.diagnostics()));
          send(exchange, 422, "application/json; charset=utf-8", json(m));
        }
      }
      default -> throw new HttpError(404, "no such page: " + path);
    }
  }

  /** The spec the page starts from: the file (read now, as it is on disk) or the example. */
  private Map<String, Object> specFile() throws HttpError {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", workbench.source().getFileName().toString());
    m.put("example", spec == null);
    String text;
    if (spec == null) {
      text = new String(resource(EXAMPLE), StandardCharsets.UTF_8);
    } else {
      try {
        long size = Files.size(spec);
        if (size > MAX_BODY) {
          throw new HttpError(413, spec + " is larger than the playground edits (8 MiB)");
        }
        text = decode(Files.readAllBytes(spec));
      } catch (IOException e) {
        throw new HttpError(500, "cannot read " + spec + ": " + e.getMessage());
      }
    }
    m.put("text", text);
    return m;
  }

  private static int steps(String given) throws HttpError {
    if (given == null || given.isBlank()) {
      return Workbench.DEFAULT_STEPS;
    }
    try {
      int n = Integer.parseInt(given.strip());
      if (n < 0) {
        throw new HttpError(400, "steps must be at least 0");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new HttpError(400, "steps must be a whole number, not '" + given + "'");
    }
  }

  /**
   * Refuses requests that do not name this server as their host: a web page on another site that
   * got its name pointed at 127.0.0.1 (DNS rebinding) names its own.
   */
  private void checkHost(HttpExchange exchange) throws HttpError {
    if (!loopback) {
      return; // served to the network on purpose: any name for this machine will do
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    int port = server.getAddress().getPort();
    List<String> names =
        List.of(
            "127.0.0.1:" + port,
            "localhost:" + port,
            "[::1]:" + port,
            url.getHost() + ":" + port,
            url.getAuthority());
    if (host == null || !names.contains(host.toLowerCase(Locale.ROOT))) {
      throw new HttpError(403, "this server answers to " + url.getAuthority() + " only");
    }
    if (exchange.getRequestMethod().equals("POST")) {
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
        throw new HttpError(403, "requests from other pages are refused");
      }
    }
  }

  private static void requireMethod(String method, String allowed) throws HttpError {
    if (!method.equals(allowed) && !(allowed.equals("GET") && method.equals("HEAD"))) {
      throw new HttpError(405, method + " is not allowed here; use " + allowed);
    }
  }

  /** The request body as UTF-8 text, of the given media type, at most {@link #MAX_BODY} bytes. */
  private static String body(HttpExchange exchange, String mediaType)
      throws IOException, HttpError {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).strip().split(";", 2)[0].strip().equals(mediaType)) {
      throw new HttpError(415, "send " + mediaType + " (UTF-8)");
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > MAX_BODY) {
          throw new HttpError(413, "requests are limited to 8 MiB");
        }
      } catch (NumberFormatException e) {
        throw new HttpError(400, "bad Content-Length");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new HttpError(413, "requests are limited to 8 MiB");
      }
      return decode(bytes);
    }
  }

  private static String decode(byte[] bytes) throws HttpError {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpError(400, "the text is not valid UTF-8");
    }
  }

  /** An {@code application/x-www-form-urlencoded} body; the first of repeated fields wins. */
  static Map<String, String> form(String body) throws HttpError {
    Map<String, String> fields = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return fields;
    }
    for (String pair : body.split("&", -1)) {
      int eq = pair.indexOf('=');
      try {
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        fields.putIfAbsent(key, value);
      } catch (IllegalArgumentException e) {
        throw new HttpError(400, "the form is not URL-encoded");
      }
    }
    return fields;
  }

  private static byte[] resource(String name) {
    try (InputStream in = Playground.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] json(Object value) {
    return bytes(Json.write(value));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Content-Security-Policy", SECURITY_POLICY);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  /** The spec being edited, if one was given. */
  public Optional<Path> spec() {
    return Optional.ofNullable(spec);
  }
}
