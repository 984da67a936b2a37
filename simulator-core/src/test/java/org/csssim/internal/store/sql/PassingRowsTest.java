package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's rows inserted and deleted again within it are not written; everything else is, in order. */
class PassingRowsTest {
  private static Database.Write w(String sql, Object... args) {
    return new Database.Write(sql, Tuple.from(args));
  }

  @Test
  void anInsertAndALaterDeleteOfItsIdAreBothLeftOut() {
    Database.Write in1 = w(SqlInbox.INSERT, 1L, "{}");
    Database.Write in2 = w(SqlInbox.INSERT, 2L, "{}");
    Database.Write journal = w("INSERT INTO journal (seq) VALUES (?)", 1L);
    Database.Write del1 = w(SqlInbox.DELETE, 1L);
    Database.Write del3 = w(SqlInbox.DELETE, 3L);   // inserted in an earlier batch
    Database.Write out5 = w(SqlOutbox.INSERT, 5L, "{}");
    Database.Write dead5 = w("UPDATE outbox SET dead = ? WHERE id = ?", true, 5L);
    Database.Write del5 = w(SqlOutbox.DELETE, 5L);
    Database.Write delIn5 = w(SqlInbox.DELETE, 5L);   // another table's id 5: not the outbox row's

    List<Database.Write> kept = PassingRows.ofQueues().without(List.of(in1, in2, journal, del1, del3, out5, dead5, del5,
        delIn5));

    assertEquals(List.of(in2, journal, del3, dead5, delIn5), kept);
  }

  @Test
  void aDeleteBeforeItsInsertIsKeptAndABatchWithNoPairIsReturnedAsItIs() {
    List<Database.Write> reversed = List.of(w(SqlInbox.DELETE, 7L), w(SqlInbox.INSERT, 7L, "{}"));
    assertSame(reversed, PassingRows.ofQueues().without(reversed));
  }
}
