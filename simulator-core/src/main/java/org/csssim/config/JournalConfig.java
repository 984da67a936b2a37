package org.csssim.config;

import static org.csssim.config.InvalidValue.require;

/**
 * The in-memory journal: how many entries it keeps (oldest evicted first, and counted) and how
 * much of each body it keeps.
 */
public record JournalConfig(Integer capacity, ByteSize maxBodyChars) {
  public JournalConfig {
    capacity = capacity == null ? 100_000 : capacity;
    require(capacity >= 1, "capacity", "capacity must be at least 1");
    maxBodyChars = maxBodyChars == null ? new ByteSize(64 * 1024) : maxBodyChars;
  }
}
