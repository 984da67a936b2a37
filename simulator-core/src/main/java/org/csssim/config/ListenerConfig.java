package org.csssim.config;

import static org.csssim.config.InvalidValue.require;

/**
 * The one HTTPS listener that serves the CSS API, admin API, dashboard and metrics.
 * {@code instances} is how many event loops accept connections (0: one per core).
 */
public record ListenerConfig(String host, Integer port, Integer instances, ByteSize bodyLimit, TlsConfig tls) {
  public static final int DEFAULT_PORT = 8443;

  public ListenerConfig {
    host = host == null || host.isBlank() ? "0.0.0.0" : host;
    port = port == null ? DEFAULT_PORT : port;
    require(port >= 0 && port <= 65535, "port", "port must be between 0 and 65535, not " + port);
    instances = instances == null ? 0 : instances;
    require(instances >= 0 && instances <= 256, "instances", "instances must be between 0 and 256");
    bodyLimit = bodyLimit == null ? new ByteSize(1024 * 1024) : bodyLimit;
    tls = tls == null ? new TlsConfig(null, null, null, null, null) : tls;
  }

  static ListenerConfig defaults() {
    return new ListenerConfig(null, null, null, null, null);
  }

  public ListenerConfig withPort(int p) {
    return new ListenerConfig(host, p, instances, bodyLimit, tls);
  }

  public ListenerConfig withHost(String h) {
    return new ListenerConfig(h, port, instances, bodyLimit, tls);
  }

  public ListenerConfig withInstances(int n) {
    return new ListenerConfig(host, port, n, bodyLimit, tls);
  }

  public ListenerConfig withTls(TlsConfig t) {
    return new ListenerConfig(host, port, instances, bodyLimit, t);
  }

  public int eventLoops() {
    return instances == 0 ? Runtime.getRuntime().availableProcessors() : instances;
  }
}
