package org.csssim.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.json.Json;
import org.csssim.internal.jws.JwsException;
import org.csssim.internal.jws.JwsVerifier;
import org.csssim.internal.jws.VerificationKey;

/**
 * The endpoint the target calls back: {@code https://<host>:<port>/callbacks/<mpid>} for every
 * party the run plays. Each call's signature is checked against the sender's published keys
 * (detached in {@code X-JWS-Signature}, or a compact JWS body), the sender must be the key's
 * owner, and the message is recorded in the ledger. It answers 200 at once: the receiver must
 * never be what slows the target down.
 */
final class CallbackReceiver {
  private final Ledger ledger;
  private final Expectations expectations;
  private final JwsVerifier verifier;
  private HttpServer server;

  CallbackReceiver(Ledger ledger, Expectations expectations, Map<String, VerificationKey> keysByKid) {
    this.ledger = ledger;
    this.expectations = expectations;
    this.verifier = new JwsVerifier(kid -> Optional.ofNullable(keysByKid.get(kid)));
  }

  Future<Integer> start(Vertx vertx, String host, int port, String certPath, String keyPath) {
    server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost(host).setPort(port)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath)))
        .requestHandler(this::handle);
    return server.listen().map(HttpServer::actualPort);
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (!path.startsWith("/callbacks/")) {
      req.response().setStatusCode(404).end();
      return;
    }
    String signature = req.getHeader(MessageSigner.SIGNATURE_HEADER);
    boolean compact = String.valueOf(req.getHeader("Content-Type")).startsWith("application/jose");
    req.body().onSuccess(buffer -> {
      long arrived = System.nanoTime();
      byte[] body = buffer.getBytes();
      String problem = null;
      JwsVerifier.Verified verified = null;
      byte[] json = body;
      try {
        if (compact) {
          JwsVerifier.VerifiedCompact v = verifier.verifyCompact(new String(body, StandardCharsets.US_ASCII));
          verified = v.signature();
          json = v.payload();
        } else if (signature == null) {
          problem = "no " + MessageSigner.SIGNATURE_HEADER + " header";
        } else {
          verified = verifier.verifyDetached(signature, body);
        }
      } catch (JwsException e) {
        problem = e.getMessage();
      }
      JsonNode message;
      try {
        message = Json.tree(json);
      } catch (Exception e) {
        message = Json.MAPPER.createObjectNode().put("eventType", "(not JSON)");
        problem = problem == null ? "the body is not JSON" : problem;
      }
      String sender = message.path("senderMpid").asText();
      if (problem == null && !verified.key().owner().equals(sender)) {
        problem = "signed with " + verified.key().owner() + "'s key but claims senderMpid " + sender;
      }
      String correlationId = message.path("correlationId").asText(null);
      Ledger.Input input = ledger.input(correlationId);
      long matches = 0;
      if (input != null) {
        var expected = expectations.of(input.type, true);
        for (int i = 0; i < expected.size(); i++) {
          if (expected.get(i).matches(message)) {
            matches |= 1L << i;
          }
        }
      }
      ledger.record(new Ledger.Callback(message.path("eventId").asText(), message.path("eventType").asText(),
          correlationId, matches, matches == 0 ? message.path("data").toString() : null, arrived, problem));
      req.response().setStatusCode(problem == null ? 200 : 401).end();
    });
  }
}
