-- What a live instance is found by without reading its state, so that one whose wait is long
-- can be left in the store (dormant) and read back when a message for it comes or its wait
-- nears its end: the hash of its live key (scenario, acting party, key), the party it acts as,
-- and for a dormant one the epoch millisecond its wait ends (null for one held in memory).
-- Rows written before this migration have nulls: held in memory, as they were.
ALTER TABLE instances ADD COLUMN live_key BIGINT;
ALTER TABLE instances ADD COLUMN acting_mpid VARCHAR(64);
ALTER TABLE instances ADD COLUMN wake_at BIGINT;
CREATE INDEX instances_live_key ON instances (live_key);
CREATE INDEX instances_wake_at ON instances (wake_at);
