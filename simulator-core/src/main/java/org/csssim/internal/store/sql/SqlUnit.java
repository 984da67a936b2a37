package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.csssim.internal.unit.Unit;

/**
 * A unit of work on the database: the statements the ports add, queued together at
 * {@link #commit()} and committed in one transaction by {@link WriteBehind}. Filled and
 * committed on one thread (the intake's event loop, or the scenario engine's context), so it
 * needs no lock.
 */
final class SqlUnit implements Unit {
  private final WriteBehind writes;
  private final List<Database.Write> pending = new ArrayList<>(4);
  private final Promise<Void> done = Promise.promise();
  private boolean committed;

  SqlUnit(WriteBehind writes) {
    this.writes = writes;
  }

  /** The database unit behind {@code unit}: a port of this store is only ever given one of its own. */
  static SqlUnit of(Unit unit) {
    if (unit instanceof SqlUnit u) {
      return u;
    }
    throw new IllegalArgumentException("a unit of work from another store: " + unit);
  }

  void add(String sql, Tuple args) {
    if (committed) {
      throw new IllegalStateException("a unit of work cannot change after its commit");
    }
    pending.add(new Database.Write(sql, args));
  }

  @Override
  public Future<Void> commit() {
    if (committed) {
      throw new IllegalStateException("a unit of work is committed once");
    }
    committed = true;
    if (pending.isEmpty()) {
      done.complete();
    } else {
      writes.commitTogether(pending).onComplete(done);
    }
    return done.future();
  }

  @Override
  public Future<Void> committed() {
    return done.future();
  }
}
