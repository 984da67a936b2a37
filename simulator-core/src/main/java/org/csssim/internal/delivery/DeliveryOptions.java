package org.csssim.internal.delivery;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.time.Duration;

/**
 * Webhook delivery: attempts before a message is dead-lettered, the backoff between them
 * (doubling from {@code initialBackoff} up to {@code maxBackoff}, with +/-20% jitter, in real
 * time), how many messages to one party may be in flight at once (each MPxN stays in order),
 * and whether plain-http webhook URLs are refused (hosted environments should refuse them).
 */
public record DeliveryOptions(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Integer concurrencyPerParty,
                             Boolean refuseHttp) {
  public DeliveryOptions {
    maxAttempts = maxAttempts == null ? 10 : maxAttempts;
    require(maxAttempts >= 1 && maxAttempts <= 100, "maxAttempts", "maxAttempts must be 1 to 100");
    initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
    require(!initialBackoff.isNegative() && !initialBackoff.isZero(), "initialBackoff", "initialBackoff must be positive");
    require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff", "maxBackoff must be at least initialBackoff");
    concurrencyPerParty = concurrencyPerParty == null ? 4 : concurrencyPerParty;
    require(concurrencyPerParty >= 1 && concurrencyPerParty <= 256, "concurrencyPerParty", "concurrencyPerParty must be 1 to 256");
    refuseHttp = refuseHttp != null && refuseHttp;
  }
}
