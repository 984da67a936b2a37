package org.csssim.internal.journal;

import static org.csssim.internal.yaml.InvalidValue.require;

import org.csssim.internal.yaml.ByteSize;

/**
 * The in-memory journal: how many entries it keeps (oldest evicted first, and counted) and how
 * much of each body it keeps.
 */
public record JournalOptions(Integer capacity, ByteSize maxBodyChars) {
  public JournalOptions {
    capacity = capacity == null ? 100_000 : capacity;
    require(capacity >= 1, "capacity", "capacity must be at least 1");
    maxBodyChars = maxBodyChars == null ? new ByteSize(64 * 1024) : maxBodyChars;
  }
}
