package org.csssim.internal.store.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows that only pass through a transaction: inserted and deleted again within it, by id. An
 * inbox entry handled, or an outbox message delivered, in the same batch that queued it leaves
 * nothing behind, so neither statement is sent. Under whole-flow load 37% of the inbox's entries
 * (each with its whole message) were inserted and deleted in one commit: a hand-over's entry and
 * its handling. Sound because such ids are handed out above the highest the table held at start,
 * by the one instance that holds the database, so the insert never meets a row of its id.
 */
final class PassingRows {
  /** Per table: its insert (the row's id its first argument) and its delete by that id. */
  private final Map<String, String> deleteByInsert;

  PassingRows(Map<String, String> deleteByInsert) {
    this.deleteByInsert = Map.copyOf(deleteByInsert);
  }

  /** The inbox's and the outbox's. */
  static PassingRows ofQueues() {
    return new PassingRows(Map.of(SqlInbox.INSERT, SqlInbox.DELETE, SqlOutbox.INSERT, SqlOutbox.DELETE));
  }

  /** {@code writes} in order, without each insert a later delete of its id undoes, nor that delete. */
  List<Database.Write> without(List<Database.Write> writes) {
    Map<String, Map<Object, Integer>> insertedAt = new HashMap<>();
    boolean[] dropped = null;
    for (int i = 0; i < writes.size(); i++) {
      Database.Write w = writes.get(i);
      String delete = deleteByInsert.get(w.sql());
      if (delete != null) {
        insertedAt.computeIfAbsent(delete, k -> new HashMap<>()).put(w.args().getValue(0), i);
        continue;
      }
      Map<Object, Integer> inserts = insertedAt.get(w.sql());
      Integer at = inserts == null ? null : inserts.remove(w.args().getValue(0));
      if (at != null) {
        dropped = dropped == null ? new boolean[writes.size()] : dropped;
        dropped[at] = true;
        dropped[i] = true;
      }
    }
    if (dropped == null) {
      return writes;
    }
    List<Database.Write> kept = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      if (!dropped[i]) {
        kept.add(writes.get(i));
      }
    }
    return kept;
  }
}
