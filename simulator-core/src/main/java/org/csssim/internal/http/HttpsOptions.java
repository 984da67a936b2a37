package org.csssim.internal.http;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.LinkedHashSet;

/** Server TLS from the configuration: only the protocols configured (TLS 1.3 and 1.2 at most), optional mutual TLS. */
public final class HttpsOptions {
  private HttpsOptions() {}

  public static HttpServerOptions of(ListenerOptions listener, Path dataDir, int port) {
    TlsOptions tls = listener.tls();
    HttpServerOptions o = new HttpServerOptions()
        .setHost(listener.host())
        .setPort(port)
        .setSsl(true)
        .setUseAlpn(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(dataDir.resolve(tls.certificate()).toString())
            .setKeyPath(dataDir.resolve(tls.key()).toString()))
        .setEnabledSecureTransportProtocols(new LinkedHashSet<>(tls.protocols()))
        .setCompressionSupported(false);
    if (tls.clientAuth() != TlsOptions.ClientAuthMode.none) {
      PemTrustOptions trust = new PemTrustOptions();
      tls.trust().forEach(t -> trust.addCertPath(dataDir.resolve(t).toString()));
      o.setTrustOptions(trust)
          .setClientAuth(tls.clientAuth() == TlsOptions.ClientAuthMode.required ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
    }
    return o;
  }
}
