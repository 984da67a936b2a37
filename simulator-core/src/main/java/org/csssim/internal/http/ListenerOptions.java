package org.csssim.internal.http;

import static org.csssim.internal.yaml.InvalidValue.require;

import org.csssim.internal.yaml.ByteSize;

/**
 * The one HTTPS listener that serves the CSS API, admin API, dashboard and metrics.
 * {@code instances} is how many event loops accept connections (0: one per core).
 */
public record ListenerOptions(String host, Integer port, Integer instances, ByteSize bodyLimit, TlsOptions tls) {
  public static final int DEFAULT_PORT = 8443;

  public ListenerOptions {
    host = host == null || host.isBlank() ? "0.0.0.0" : host;
    port = port == null ? DEFAULT_PORT : port;
    require(port >= 0 && port <= 65535, "port", "port must be between 0 and 65535, not " + port);
    instances = instances == null ? 0 : instances;
    require(instances >= 0 && instances <= 256, "instances", "instances must be between 0 and 256");
    bodyLimit = bodyLimit == null ? new ByteSize(1024 * 1024) : bodyLimit;
    tls = tls == null ? new TlsOptions(null, null, null, null, null) : tls;
  }

  public static ListenerOptions defaults() {
    return new ListenerOptions(null, null, null, null, null);
  }

  public ListenerOptions withPort(int p) {
    return new ListenerOptions(host, p, instances, bodyLimit, tls);
  }

  public ListenerOptions withHost(String h) {
    return new ListenerOptions(h, port, instances, bodyLimit, tls);
  }

  public ListenerOptions withInstances(int n) {
    return new ListenerOptions(host, port, n, bodyLimit, tls);
  }

  public ListenerOptions withTls(TlsOptions t) {
    return new ListenerOptions(host, port, instances, bodyLimit, t);
  }

  public int eventLoops() {
    return instances == 0 ? Runtime.getRuntime().availableProcessors() : instances;
  }
}
