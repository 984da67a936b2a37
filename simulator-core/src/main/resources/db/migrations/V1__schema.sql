-- The first schema: the journal, the intake's idempotency record, the inbox of accepted
-- messages not yet handled by the scripts, the outbox of messages for physical parties,
-- scenario instances, and small documents (meter points, registrations, test-data
-- allocations, webhook subscriptions, party connections, the clock).
-- ${text} is the large-text type: CHARACTER VARYING in H2, TEXT in PostgreSQL. Times are epoch
-- milliseconds. written_ms has no index: it rises with seq, and retention reads in seq order.

CREATE TABLE journal (
  seq BIGINT PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  written_ms BIGINT NOT NULL,
  direction VARCHAR(8) NOT NULL,
  method VARCHAR(16),
  path VARCHAR(2048),
  event_id VARCHAR(256),
  event_type VARCHAR(256),
  correlation_id VARCHAR(256),
  sender VARCHAR(64),
  recipient VARCHAR(64),
  mpxn VARCHAR(64),
  status INT NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  detail ${text},
  body ${text},
  body_truncated BOOLEAN NOT NULL
);
CREATE INDEX journal_event_id ON journal (event_id);
CREATE INDEX journal_correlation_id ON journal (correlation_id);
CREATE INDEX journal_mpxn ON journal (mpxn);
CREATE INDEX journal_at ON journal (at_ms);

CREATE TABLE idempotency (
  event_id VARCHAR(256) PRIMARY KEY,
  n BIGINT NOT NULL,
  digest VARCHAR(64) NOT NULL,
  ack ${text} NOT NULL
);
CREATE INDEX idempotency_n ON idempotency (n);

CREATE TABLE inbox (
  id BIGINT PRIMARY KEY,
  message ${text} NOT NULL
);

CREATE TABLE outbox (
  id BIGINT PRIMARY KEY,
  dead BOOLEAN NOT NULL,
  message ${text} NOT NULL
);

CREATE TABLE instances (
  id VARCHAR(64) PRIMARY KEY,
  state ${text} NOT NULL
);

CREATE TABLE documents (
  kind VARCHAR(32) NOT NULL,
  id VARCHAR(256) NOT NULL,
  body ${text} NOT NULL,
  PRIMARY KEY (kind, id)
);
