package org.csssim.internal.connectivity;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.csssim.internal.pki.Pem;

/**
 * HTTPS calls as a participant makes them, trusting only the CA certificates given and checking
 * the host name, each bounded by the timeout. The target's name goes to the address phase 2
 * connected to (a hosts entry of this client's own), and any other name to the resolver the
 * user named: so phases 3 and 4 talk to what phase 2 checked, and a test never asks the
 * machine's resolver for a name it was told to look up elsewhere.
 */
final class Http implements AutoCloseable {
  private final Vertx vertx;
  private final HttpClientAgent client;
  private final Duration timeout;

  Http(List<X509Certificate> trust, Duration timeout, String host, InetAddress address, InetSocketAddress dns) {
    this.timeout = timeout;
    AddressResolverOptions resolver = new AddressResolverOptions();
    if (address != null && !Names.isLiteral(host)) {
      resolver.setHostsValue(Buffer.buffer(address.getHostAddress() + " " + host + "\n"));
    }
    if (dns != null) {
      resolver.setServers(List.of(dns.getHostString() + ":" + dns.getPort()));
    }
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setAddressResolverOptions(resolver));
    PemTrustOptions pem = new PemTrustOptions();
    trust.forEach(c -> pem.addCertValue(Buffer.buffer(Pem.certificate(c))));
    // a connection per call: each step sees the far end as a new client would, and no call
    // waits on a pooled connection an earlier one left behind
    this.client = vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true).setTrustOptions(pem)
        .setKeepAlive(false).setConnectTimeout((int) timeout.toMillis()));
  }

  record Answer(int status, String body) {}

  Answer send(String method, String url, Map<String, String> headers, byte[] body) throws Exception {
    RequestOptions opts = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setAbsoluteURI(url)
        .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
    headers.forEach(opts::putHeader);
    return client.request(opts)
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString())))
        .toCompletionStage().toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    vertx.close();
  }
}
