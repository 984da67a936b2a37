package org.csssim.internal.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csssim.testing.Harness;

/**
 * Debian's headless Chromium driven through the DevTools protocol: open a page, evaluate
 * JavaScript in it. No WebDriver: the protocol is a WebSocket the browser opens itself.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

  private final Process process;
  private final Vertx vertx = Vertx.vertx();
  private final WebSocket page;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, Promise<JsonObject>> waiting = new ConcurrentHashMap<>();

  HeadlessChromium(String url) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    // the flags this workplace's closed network needs; the test PKI's CA is not the browser's
    process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--ignore-certificate-errors", "--window-size=1280,2000", "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*",
        "--user-data-dir=" + profile, url)
        .redirectErrorStream(true).start();
    String browserWs = null;
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (browserWs == null && System.nanoTime() < end) {
      String line = out.readLine();
      if (line == null) {
        break;
      }
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        browserWs = m.group(1);
      }
    }
    if (browserWs == null) {
      throw new IllegalStateException("chromium did not start its DevTools endpoint");
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
    drain.setDaemon(true);
    drain.start();
    URI devtools = URI.create(browserWs);
    page = connectToPage(devtools);
    page.textMessageHandler(text -> {
      JsonObject msg = new JsonObject(text);
      Promise<JsonObject> p = msg.containsKey("id") ? waiting.remove(msg.getInteger("id")) : null;
      if (p != null) {
        p.complete(msg);
      }
    });
  }

  /** The page's DevTools WebSocket; the page target may take a moment to be ready, so a few tries. */
  private WebSocket connectToPage(URI devtools) throws Exception {
    Exception last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        String list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + devtools.getHost() + ":" + devtools.getPort() + "/json/list")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        String pageWs = new JsonArray(list).stream().map(o -> (JsonObject) o).filter(t -> "page".equals(t.getString("type")))
            .findFirst().orElseThrow().getString("webSocketDebuggerUrl");
        return Harness.await(vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
            .setMaxFrameSize(64 << 20).setMaxMessageSize(64 << 20)).connect(new WebSocketConnectOptions().setAbsoluteURI(pageWs)));
      } catch (Exception e) {
        last = e;
        Thread.sleep(250);
      }
    }
    throw last;
  }

  /** Calls a DevTools method on the page and answers its result. */
  JsonObject call(String method, JsonObject params) throws Exception {
    int id = ids.incrementAndGet();
    Promise<JsonObject> answer = Promise.promise();
    waiting.put(id, answer);
    page.writeTextMessage(new JsonObject().put("id", id).put("method", method).put("params", params).encode());
    JsonObject reply = Harness.await(answer.future());
    if (reply.containsKey("error")) {
      throw new IllegalStateException(method + ": " + reply.getJsonObject("error").encode());
    }
    return reply.getJsonObject("result");
  }

  /** Saves the whole page (beyond the window's height) as a PNG. */
  void screenshot(Path file) throws Exception {
    // the window made as tall as the page; the PNG comes back in one WebSocket message of megabytes
    int height = ((Number) eval("document.documentElement.scrollHeight")).intValue();
    call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 1280).put("height", height)
        .put("deviceScaleFactor", 1).put("mobile", false));
    JsonObject shot = call("Page.captureScreenshot", new JsonObject().put("format", "png"));
    call("Emulation.clearDeviceMetricsOverride", new JsonObject());
    Files.createDirectories(file.getParent());
    Files.write(file, java.util.Base64.getDecoder().decode(shot.getString("data")));
  }

  /** Evaluates {@code js} in the page (awaiting a promise) and answers its value. */
  Object eval(String js) throws Exception {
    JsonObject result = call("Runtime.evaluate",
        new JsonObject().put("expression", js).put("awaitPromise", true).put("returnByValue", true));
    if (result.containsKey("exceptionDetails")) {
      throw new IllegalStateException("in the page: " + result.getJsonObject("exceptionDetails").encode());
    }
    return result.getJsonObject("result").getValue("value");
  }

  /** Waits for {@code js} to be true in the page; an error in it (the page still loading) means not yet. */
  void until(String js, String what) throws Exception {
    until(js, what, 20);
  }

  /** As {@link #until(String, String)}, waiting up to {@code seconds}. */
  void until(String js, String what, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = null;
    for (;;) {
      try {
        if (Boolean.TRUE.equals(eval(js))) {
          return;
        }
      } catch (IllegalStateException e) {
        last = e.getMessage();
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("the page never showed: " + what + (last == null ? "" : " (last error " + last + ")"));
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws Exception {
    page.close();
    Harness.await(vertx.close());
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
