package org.csssim.internal.http;

import static org.csssim.testing.Harness.await;
import static org.csssim.testing.Harness.switchRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.http.TlsOptions;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/** TLS 1.3 and 1.2 only; mutual TLS where the client certificate must be the signer's. */
class TlsTest {

  @Test
  void tls13And12AreServedAndTls11IsRefused() throws Exception {
    try (Harness h = Harness.start()) {
      Vertx vertx = h.sim.vertx();
      assertEquals(200, status(vertx, h, Set.of("TLSv1.3")));
      assertEquals(200, status(vertx, h, Set.of("TLSv1.2")));
      assertThrows(Exception.class, () -> status(vertx, h, Set.of("TLSv1.1")));

      // Control: the same client does speak TLS 1.1 to a server that allows it, so the refusal
      // above is the simulator's configuration and not the client's.
      HttpServer legacy = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
              .setKeyCertOptions(new PemKeyCertOptions().setCertPath(h.dataDir.resolve("pki/tls.crt").toString())
                  .setKeyPath(h.dataDir.resolve("pki/tls.key").toString()))
              .setEnabledSecureTransportProtocols(Set.of("TLSv1.1")))
          .requestHandler(r -> r.response().end("ok")).listen());
      HttpClientAgent client = vertx.createHttpClient(Harness.clientOptions(h.dataDir)
          .setEnabledSecureTransportProtocols(Set.of("TLSv1.1")));
      int code = await(client.request(new RequestOptions().setAbsoluteURI("https://localhost:" + legacy.actualPort() + "/"))
          .compose(r -> r.send().compose(resp -> resp.body().map(resp.statusCode()))));
      assertEquals(200, code);
      await(legacy.close());
      await(client.close());
    }
  }

  @Test
  void tls13OnlyWhenConfigured() throws Exception {
    try (Harness h = Harness.start(c -> c.withListener(c.listener().withTls(
        c.listener().tls().withProtocols(java.util.List.of("TLSv1.3")))))) {
      assertEquals(200, status(h.sim.vertx(), h, Set.of("TLSv1.3")));
      assertThrows(Exception.class, () -> status(h.sim.vertx(), h, Set.of("TLSv1.2")));
    }
  }

  @Test
  void mutualTlsTiesTheConnectionToTheSigner() throws Exception {
    try (Harness h = Harness.start(Harness.physical("SUPB").andThen(c -> c.withListener(c.listener().withTls(
        c.listener().tls().withClientAuth(TlsOptions.ClientAuthMode.required))))::apply)) {
      byte[] body = switchRequest("SUPA").toString().getBytes(StandardCharsets.UTF_8);
      MessageSigner.Signed signed = h.sim.signer().sign(h.party("SUPA"), body);

      JsonObject ok = post(h, "SUPA", signed);
      assertEquals(202, ok.getInteger("status"), ok.encode());

      JsonObject wrong = post(h, "SUPB", signed);
      assertEquals(403, wrong.getInteger("status"));
      assertEquals("TLS_CLIENT_MISMATCH", new JsonObject(wrong.getString("body")).getJsonArray("errors")
          .getJsonObject(0).getString("code"));

      assertThrows(Exception.class, () -> status(h.sim.vertx(), h, Set.of("TLSv1.3")),
          "no client certificate, no connection");
    }
  }

  private static int status(Vertx vertx, Harness h, Set<String> protocols) throws Exception {
    HttpClientOptions o = Harness.clientOptions(h.dataDir).setEnabledSecureTransportProtocols(protocols);
    HttpClientAgent client = vertx.createHttpClient(o);
    try {
      return await(client.request(new RequestOptions().setAbsoluteURI(h.baseUrl() + "/health"))
          .compose(r -> r.send().compose(resp -> resp.body().map(resp.statusCode()))));
    } finally {
      client.close();
    }
  }

  private static JsonObject post(Harness h, String certOf, MessageSigner.Signed signed) throws Exception {
    HttpClientOptions o = Harness.clientOptions(h.dataDir).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(h.dataDir.resolve("pki/parties/" + certOf + ".crt").toString())
        .setKeyPath(h.dataDir.resolve("pki/parties/" + certOf + ".key").toString()));
    HttpClientAgent client = h.sim.vertx().createHttpClient(o);
    try {
      RequestOptions req = new RequestOptions().setMethod(HttpMethod.POST)
          .setAbsoluteURI(h.baseUrl() + "/css/v1/switch-requests").putHeader("Content-Type", signed.contentType());
      signed.headers().forEach(req::putHeader);
      return await(client.request(req).compose(r -> r.send(Buffer.buffer(signed.body()))
          .compose(resp -> resp.body().map(b -> new JsonObject().put("status", resp.statusCode()).put("body", b.toString())))));
    } finally {
      client.close();
    }
  }
}
