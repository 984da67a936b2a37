-- Each outbox entry's recipient and eventId beside its message, so that a start finds what is
-- owed to whom, and the dead letters, without reading and parsing every message (a party left
-- without a webhook can be owed tens of thousands). Entries written before this migration have
-- nulls, and are read whole at start, as they were.
ALTER TABLE outbox ADD COLUMN recipient VARCHAR(64);
ALTER TABLE outbox ADD COLUMN event_id VARCHAR(256);
