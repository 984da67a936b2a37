package org.csssim.internal.wire;

import static org.csssim.internal.yaml.InvalidValue.require;

/**
 * Intake limits. {@code idempotencyCapacity} bounds how many accepted eventIds the in-memory
 * store remembers for duplicate detection; the oldest are forgotten first and the number
 * forgotten is reported by {@code /health}.
 */
public record IntakeOptions(Integer idempotencyCapacity) {
  public IntakeOptions {
    idempotencyCapacity = idempotencyCapacity == null ? 1_000_000 : idempotencyCapacity;
    require(idempotencyCapacity >= 1, "idempotencyCapacity", "idempotencyCapacity must be at least 1");
  }
}
