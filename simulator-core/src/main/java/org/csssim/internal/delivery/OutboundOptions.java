package org.csssim.internal.delivery;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.time.Duration;
import java.util.List;

/**
 * The HTTPS client everything the simulator sends goes through. {@code trust} lists the PEM
 * CA files a peer's certificate must chain to (relative to the data directory).
 */
public record OutboundOptions(Duration connectTimeout, Duration requestTimeout, List<String> trust) {
  public OutboundOptions {
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    require(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout", "connectTimeout must be positive");
    require(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout", "requestTimeout must be positive");
    trust = trust == null || trust.isEmpty() ? List.of("pki/ca.crt") : List.copyOf(trust);
  }
}
