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
  private final OutboundOptions options;

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
    this.options = config;
  }

  /**
   * Why a call to {@code url} failed, in words an operator can act on: the TLS handshake's
   * reason (a certificate the trust does not cover, one for another name, one expired), nothing
   * listening, no answer in time. The exception's own text follows in brackets.
   */
  public String explain(Throwable failure, String url) {
    String host = java.net.URI.create(url).getHost();
    String why = null;
    for (Throwable t = failure; t != null && why == null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof java.security.cert.CertificateExpiredException || m.contains("validity check failed")) {
        why = "the receiver's certificate has expired (or is not valid yet)";
      } else if (t instanceof java.security.cert.CertPathBuilderException
          || t instanceof java.security.cert.CertPathValidatorException || m.contains("PKIX path")
          || m.contains("unable to find valid certification path")) {
        why = "the receiver's certificate is not trusted by outbound.trust " + options.trust()
            + " (the test CA trusts what it issued: pki issue --server --host " + host + ")";
      } else if (m.contains("No subject alternative") || m.contains("No name matching")) {
        why = "the receiver's certificate does not name " + host;
      } else if (t instanceof java.net.ConnectException) {
        why = "nothing is listening at " + url;
      } else if (t instanceof java.net.UnknownHostException) {
        why = host + " does not resolve";
      } else if (t instanceof java.util.concurrent.TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException
          || m.contains("timeout period") || m.contains("timed out")) {
        why = "no answer within outbound.requestTimeout (" + options.requestTimeout() + ")";
      }
    }
    String raw = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return why == null ? raw : why + " [" + raw + "]";
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
