package com.example.supplier;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * The supplier's webhook: CSS calls it with each notification. Every call's detached JWS is
 * checked against the keys CSS publishes (its JWK set, fetched over HTTPS); a call whose
 * signature does not verify is refused with 401 and not kept.
 */
public final class NotificationReceiver implements AutoCloseable {
  private final HttpsServer server;
  private final HttpClient http;
  private final URI cssKeys;
  private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
  private volatile int refused;

  private NotificationReceiver(HttpsServer server, HttpClient http, URI cssKeys) {
    this.server = server;
    this.http = http;
    this.cssKeys = cssKeys;
  }

  /** Listens on 127.0.0.1 with {@code serverTls}; checks signatures with CSS's keys at {@code css}, trusted by {@code clientTls}. */
  public static NotificationReceiver start(SSLContext serverTls, URI css, SSLContext clientTls) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    NotificationReceiver r = new NotificationReceiver(server, HttpClient.newBuilder().sslContext(clientTls).build(),
        css.resolve("/pki/parties/CSS/jwks.json"));
    server.createContext("/notifications", r::handle);
    server.start();
    return r;
  }

  public URI url() {
    return URI.create("https://localhost:" + server.getAddress().getPort() + "/notifications");
  }

  /** Calls refused for a bad signature so far. */
  public int refused() {
    return refused;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    int status;
    try {
      if (verifies(body, exchange.getRequestHeaders().getFirst("X-JWS-Signature"))) {
        received.add(JSONObjectUtils.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        status = 200;
      } else {
        refused++;
        status = 401;
      }
    } catch (Exception e) {
      refused++;
      status = 400;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private boolean verifies(byte[] body, String detached) throws Exception {
    if (detached == null) {
      return false;
    }
    String[] parts = detached.split("\\.", -1);
    JWSObject jws = new JWSObject(new Base64URL(parts[0]), new Payload(body), new Base64URL(parts[2]));
    HttpResponse<String> keys = http.send(HttpRequest.newBuilder(cssKeys).build(), HttpResponse.BodyHandlers.ofString());
    JWK key = JWKSet.parse(keys.body()).getKeyByKeyId(jws.getHeader().getKeyID());
    return key instanceof ECKey ec && jws.verify(new ECDSAVerifier(ec));
  }

  /** The notifications of one flow received so far, in order. */
  public List<Map<String, Object>> of(String correlationId) {
    return received.stream().filter(m -> correlationId.equals(m.get("correlationId"))).toList();
  }

  /** Waits for the first notification of {@code eventType} in the flow; null if none came in time. */
  public Map<String, Object> await(String correlationId, String eventType, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (Map<String, Object> m : of(correlationId)) {
        if (eventType.equals(m.get("eventType"))) {
          return m;
        }
      }
      Thread.sleep(20);
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
