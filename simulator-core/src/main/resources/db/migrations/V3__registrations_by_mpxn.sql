-- A registration's meter point beside its document, so that registrations can be left in the
-- store and read back by meter point (or by id, the primary key) when a script asks for them:
-- the embedded store keeps in heap only those written lately (store.registrationsInHeap).
-- Other documents leave it null, and so do registrations written before this migration: those
-- are read whole at start and held in heap, as they were, until they are written again.
ALTER TABLE documents ADD COLUMN mpxn VARCHAR(64);
CREATE INDEX documents_mpxn ON documents (mpxn);
