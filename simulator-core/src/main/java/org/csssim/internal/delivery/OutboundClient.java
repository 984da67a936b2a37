package org.csssim.internal.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * The HTTPS client for everything the simulator sends. The peer must present a certificate
 * that chains to the configured trust (the test CA by default) and names the host; connect and
 * whole-request timeouts bound every call, so a dead receiver costs a timeout, never a thread.
 */
public final class OutboundClient {
  private final HttpClientAgent client;
  private final long requestTimeoutMillis;

  /**
   * {@code connectionsPerPeer}: at least as many as delivery runs side by side for one party,
   * or the pool, not the lanes, sets how fast a party's webhooks go.
   */
  public OutboundClient(Vertx vertx, OutboundOptions config, Path dataDir, int connectionsPerPeer) {
    PemTrustOptions trust = new PemTrustOptions();
    config.trust().forEach(t -> trust.addCertPath(dataDir.resolve(t).toString()));
    HttpClientOptions options = new HttpClientOptions()
        .setTrustOptions(trust)
        .setVerifyHost(true)
        .setConnectTimeout((int) config.connectTimeout().toMillis())
        .setKeepAlive(true);
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(Math.max(16, connectionsPerPeer)));
    this.requestTimeoutMillis = config.requestTimeout().toMillis();
  }

  /** The answer of a peer, with the time it took. */
  public record Response(int status, Map<String, String> headers, byte[] body, long latencyMicros) {}

  /** Sends {@code body} (null for none); fails on connection errors and timeouts, not on HTTP error statuses. */
  public Future<Response> send(HttpMethod method, String url, Map<String, String> headers, String contentType, byte[] body) {
    long start = System.nanoTime();
    RequestOptions req = new RequestOptions().setMethod(method).setAbsoluteURI(url).setTimeout(requestTimeoutMillis);
    headers.forEach(req::putHeader);
    if (contentType != null) {
      req.putHeader("Content-Type", contentType);
    }
    // body() is attached inside the send callback, so a response that ends at once is not lost.
    return client.request(req).compose(r -> (body == null ? r.send() : r.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> {
          Map<String, String> h = new java.util.LinkedHashMap<>();
          resp.headers().forEach(e -> h.putIfAbsent(e.getKey(), e.getValue()));
          return new Response(resp.statusCode(), h, b.getBytes(), (System.nanoTime() - start) / 1000);
        })));
  }

  public Future<Void> close() {
    return client.close();
  }
}
