package org.csssim.internal.http;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.time.Duration;
import org.csssim.internal.yaml.ByteSize;

/**
 * The one HTTPS listener that serves the CSS API, admin API, dashboard and metrics.
 * {@code instances} is how many event loops accept connections (0: one per core). What a slow
 * or greedy client is allowed ({@link Limits}) is here too, so an instance on a shared network
 * cannot be held open by connections that never finish a request.
 */
public record ListenerOptions(String host, Integer port, Integer instances, ByteSize bodyLimit, TlsOptions tls,
                              Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, Integer maxConnections) {
  public static final int DEFAULT_PORT = 8443;

  public ListenerOptions {
    host = host == null || host.isBlank() ? "0.0.0.0" : host;
    port = port == null ? DEFAULT_PORT : port;
    require(port >= 0 && port <= 65535, "port", "port must be between 0 and 65535, not " + port);
    instances = instances == null ? 0 : instances;
    require(instances >= 0 && instances <= 256, "instances", "instances must be between 0 and 256");
    bodyLimit = bodyLimit == null ? new ByteSize(1024 * 1024) : bodyLimit;
    tls = tls == null ? new TlsOptions(null, null, null, null, null) : tls;
    headerTimeout = positive(headerTimeout, Duration.ofSeconds(10), "headerTimeout");
    bodyTimeout = positive(bodyTimeout, Duration.ofSeconds(20), "bodyTimeout");
    idleTimeout = positive(idleTimeout, Duration.ofSeconds(60), "idleTimeout");
    require(idleTimeout.toSeconds() >= 1, "idleTimeout", "idleTimeout is whole seconds, at least 1s");
    maxConnections = maxConnections == null ? 1000 : maxConnections;
    require(maxConnections >= 1, "maxConnections", "maxConnections must be at least 1");
  }

  private static Duration positive(Duration d, Duration otherwise, String key) {
    Duration value = d == null ? otherwise : d;
    require(!value.isNegative() && !value.isZero(), key, key + " must be positive");
    return value;
  }

  /** What a client's connection is allowed: see configuration.md, listener. */
  public record Limits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {}

  public Limits limits() {
    return new Limits(headerTimeout, bodyTimeout, idleTimeout, maxConnections);
  }

  public static ListenerOptions defaults() {
    return new ListenerOptions(null, null, null, null, null, null, null, null, null);
  }

  public ListenerOptions withPort(int p) {
    return new ListenerOptions(host, p, instances, bodyLimit, tls, headerTimeout, bodyTimeout, idleTimeout, maxConnections);
  }

  public ListenerOptions withHost(String h) {
    return new ListenerOptions(h, port, instances, bodyLimit, tls, headerTimeout, bodyTimeout, idleTimeout, maxConnections);
  }

  public ListenerOptions withInstances(int n) {
    return new ListenerOptions(host, port, n, bodyLimit, tls, headerTimeout, bodyTimeout, idleTimeout, maxConnections);
  }

  public ListenerOptions withTls(TlsOptions t) {
    return new ListenerOptions(host, port, instances, bodyLimit, t, headerTimeout, bodyTimeout, idleTimeout, maxConnections);
  }

  public ListenerOptions withLimits(Limits l) {
    return new ListenerOptions(host, port, instances, bodyLimit, tls, l.headerTimeout(), l.bodyTimeout(), l.idleTimeout(),
        l.maxConnections());
  }

  public int eventLoops() {
    return instances == 0 ? Runtime.getRuntime().availableProcessors() : instances;
  }
}
