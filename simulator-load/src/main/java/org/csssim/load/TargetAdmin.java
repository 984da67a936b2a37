package org.csssim.load;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.csssim.internal.jws.VerificationKey;

/**
 * What the load tool asks of a target simulator through its admin API (test data, webhooks,
 * the clock) and its public PKI endpoints (the keys callbacks are checked against). Blocking
 * calls: they run on the tool's main thread, before and after the measured phase.
 */
final class TargetAdmin {
  private final HttpClientAgent client;
  private final String base;
  private final String token;

  TargetAdmin(HttpClientAgent client, String base, String token) {
    this.client = client;
    this.base = base;
    this.token = token;
  }

  boolean hasToken() {
    return token != null && !token.isBlank();
  }

  /** Meter points for {@code count} messages, made by the target where its data set has too few. */
  List<String> allocate(String forMpid, String fuelType, int count, String registeredTo) throws Exception {
    List<String> out = new ArrayList<>(count);
    while (out.size() < count) {
      int n = Math.min(100_000, count - out.size());
      JsonObject req = new JsonObject().put("for", forMpid).put("fuelType", fuelType).put("count", n).put("create", true);
      if (registeredTo == null) {
        req.put("unregistered", true);
      } else {
        req.put("registeredTo", registeredTo);
      }
      JsonObject a = new JsonObject(call(HttpMethod.POST, "/admin/v1/test-data/allocations", req.encode(), 201));
      a.getJsonArray("mpxns").forEach(m -> out.add((String) m));
    }
    return out;
  }

  String registerWebhook(String mpid, String url) throws Exception {
    String body = new JsonObject().put("mpid", mpid).put("url", url).put("reason", "load tool callback receiver").encode();
    return new JsonObject(call(HttpMethod.POST, "/admin/v1/webhooks", body, 201)).getString("id");
  }

  boolean webhookExists(String id) throws Exception {
    for (Object w : new JsonArray(call(HttpMethod.GET, "/admin/v1/webhooks", null, 200))) {
      if (id.equals(((JsonObject) w).getString("id"))) {
        return true;
      }
    }
    return false;
  }

  void deleteWebhook(String id) throws Exception {
    call(HttpMethod.DELETE, "/admin/v1/webhooks/" + id, null, 204);
  }

  /** The target answers once everything the jump set off has run, which for a big run takes minutes. */
  void advanceClock(String isoDuration) throws Exception {
    call(HttpMethod.POST, "/admin/v1/clock", new JsonObject().put("advance", isoDuration).encode(), 200, 30 * 60);
  }

  /** What the target's (simulated) clock reads now. */
  java.time.Instant clock() throws Exception {
    return java.time.Instant.parse(new JsonObject(call(HttpMethod.GET, "/admin/v1/clock", null, 200)).getString("now"));
  }

  /** Fails (a refused connection, a TLS error) when the target cannot be reached at all; any answer will do. */
  void reach() throws Exception {
    Future<Integer> f = client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(base + "/health")
        .setIdleTimeout(TimeUnit.SECONDS.toMillis(30))).compose(r -> r.send().compose(resp -> resp.body()
        .map(b -> resp.statusCode())));
    f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  boolean healthy() {
    try {
      // a short wait: this is polled, and a call lost with a connection must not hold the next one back
      return new JsonObject(call(HttpMethod.GET, "/health", null, 200, 5)).getString("status").equals("UP");
    } catch (Exception e) {
      return false;
    }
  }

  /** The party's published verification keys, by kid, each with the certificate it came in. */
  Map<String, VerificationKey> keys(String mpid) throws Exception {
    JWKSet set = JWKSet.parse(call(HttpMethod.GET, "/pki/parties/" + mpid + "/jwks.json", null, 200));
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    Map<String, VerificationKey> out = new HashMap<>();
    for (JWK k : set.getKeys()) {
      if (k.getX509CertChain() == null || k.getX509CertChain().isEmpty()) {
        throw new IllegalStateException(mpid + "'s key " + k.getKeyID() + " is published without its certificate (x5c)");
      }
      X509Certificate cert = (X509Certificate) cf.generateCertificate(
          new ByteArrayInputStream(k.getX509CertChain().get(0).decode()));
      out.put(k.getKeyID(), new VerificationKey(mpid, k.getKeyID(), cert));
    }
    return out;
  }

  private String call(HttpMethod method, String path, String body, int expected) throws Exception {
    return call(method, path, body, expected, 60);
  }

  private String call(HttpMethod method, String path, String body, int expected, int timeoutSeconds) throws Exception {
    RequestOptions opts = new RequestOptions().setMethod(method).setAbsoluteURI(base + path)
        .setIdleTimeout(TimeUnit.SECONDS.toMillis(timeoutSeconds));
    if (hasToken()) {
      opts.putHeader("Authorization", "Bearer " + token);
    }
    if (body != null) {
      opts.putHeader("Content-Type", "application/json");
    }
    Future<String[]> f = client.request(opts).compose(r -> (body == null ? r.send() : r.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new String[] {Integer.toString(resp.statusCode()), b.toString()})));
    String[] answer = f.toCompletionStage().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
    if (Integer.parseInt(answer[0]) != expected) {
      throw new IllegalStateException(method + " " + path + " answered " + answer[0] + ": " + answer[1]);
    }
    return answer[1];
  }
}
