package org.csssim.testing;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A party's system as a test sees it: an HTTPS webhook receiver on loopback (with the test
 * PKI's localhost certificate) that checks every signature against the JWK set the simulator
 * publishes for the sender, and can be told to fail or to hang.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Harness simulator;
  public final List<JsonObject> received = new CopyOnWriteArrayList<>();
  public final List<String> badSignatures = new CopyOnWriteArrayList<>();
  /** The kid of each call's JWS header, in the order received. */
  public final List<String> kids = new CopyOnWriteArrayList<>();
  public final AtomicInteger calls = new AtomicInteger();
  /** Answer this many calls with 503 before answering 200. */
  public final AtomicInteger failNext = new AtomicInteger();
  public volatile boolean hang;

  public WebhookReceiver(Harness simulator) throws Exception {
    this(simulator, simulator.dataDir.resolve("pki/tls.crt"), simulator.dataDir.resolve("pki/tls.key"));
  }

  /** A receiver serving with the certificate and key given (one the simulator may not trust, say). */
  public WebhookReceiver(Harness simulator, Path certificate, Path key) throws Exception {
    this.simulator = simulator;
    server = Harness.await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.toString()).setKeyPath(key.toString())))
        .requestHandler(req -> req.body().onSuccess(body -> {
          calls.incrementAndGet();
          if (hang) {
            return;  // never answers
          }
          if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            req.response().setStatusCode(503).end();
            return;
          }
          JsonObject message = body.toJsonObject();
          String jws = req.getHeader("X-JWS-Signature");
          if (jws != null) {
            kids.add(new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[0]),
                java.nio.charset.StandardCharsets.UTF_8)).getString("kid"));
          }
          if (!verifies(message.getString("senderMpid"), req.getHeader("X-JWS-Signature"), body.getBytes())) {
            badSignatures.add(message.getString("eventId"));
          }
          received.add(message);
          req.response().setStatusCode(200).end();
        }))
        .listen());
  }

  public String url() {
    return "https://localhost:" + server.actualPort() + "/hook";
  }

  /** Checks the detached JWS with the sender's published JWK set, as a real system would. */
  private boolean verifies(String sender, String jws, byte[] body) {
    try {
      Harness.Response r = simulator.send(HttpMethod.GET, "/pki/parties/" + sender + "/jwks.json", Map.of(), null);
      JWKSet keys = JWKSet.parse(r.body());
      String[] parts = jws.split("\\.", -1);
      JWSObject o = new JWSObject(new Base64URL(parts[0]), new Payload(body), new Base64URL(parts[2]));
      ECKey key = (ECKey) keys.getKeyByKeyId(o.getHeader().getKeyID());
      return key != null && o.verify(new ECDSAVerifier(key));
    } catch (Exception e) {
      return false;
    }
  }

  public List<String> types(String correlationId) {
    return received.stream().filter(m -> correlationId.equals(m.getString("correlationId")))
        .map(m -> m.getString("eventType")).toList();
  }

  @Override
  public void close() throws Exception {
    Harness.await(server.close());
    Harness.await(vertx.close());
  }
}
