package org.csssim.internal.connectivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.csssim.internal.json.Json;
import org.csssim.internal.jws.JwsVerifier;

/**
 * The participant's webhook for the test: {@code https://host:port/callbacks/<mpid>}. It keeps
 * what arrives, bytes and headers, and answers 200 at once; whether a message is signed right
 * is judged by the step that waits for it, so the report can say why not.
 */
final class Receiver {
  private final Vertx vertx;
  private final String mpid;
  private final LinkedBlockingQueue<Received> arrived = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private HttpServer server;
  private String url;

  record Received(byte[] body, Map<String, String> headers, JsonNode json) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
          .findFirst().orElse(null);
    }
  }

  Receiver(Vertx vertx, String mpid) {
    this.vertx = vertx;
    this.mpid = mpid;
  }

  /** Listens and returns the URL the CSS should call. */
  String start(String host, int port, Path certificate, Path key) throws Exception {
    server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost(host).setPort(port)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.toString()).setKeyPath(key.toString())))
        .requestHandler(req -> req.body().onSuccess(b -> {
          byte[] body = b.getBytes();
          Map<String, String> headers = new java.util.HashMap<>();
          req.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
          arrived.add(new Received(body, headers, json(body, headers)));
          req.response().setStatusCode(200).end();
        }));
    int actual = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
    url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actual + "/callbacks/" + mpid;
    return url;
  }

  String url() {
    return url;
  }

  /** The first message {@code wanted} takes within {@code wait}, or null; what else came is kept for {@link #seen}. */
  Received await(Predicate<Received> wanted, Duration wait) throws InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
      Received r = arrived.poll(left, TimeUnit.NANOSECONDS);
      if (r == null) {
        return null;
      }
      if (wanted.test(r)) {
        return r;
      }
      synchronized (seen) {
        seen.add(r.json().path("eventType").asText("(not JSON)") + " " + r.json().path("correlationId").asText(""));
      }
    }
    return null;
  }

  List<String> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The message: the body, or a compact JWS's payload. */
  private static JsonNode json(byte[] body, Map<String, String> headers) {
    try {
      boolean compact = headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Content-Type")
          && e.getValue().startsWith("application/jose"));
      return Json.tree(compact ? JwsVerifier.compactPayload(new String(body, StandardCharsets.US_ASCII)) : body);
    } catch (Exception e) {
      return Json.MAPPER.createObjectNode();
    }
  }
}
