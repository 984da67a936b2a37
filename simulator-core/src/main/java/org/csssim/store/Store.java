package org.csssim.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.csssim.config.SimulatorConfig;
import org.csssim.journal.InMemoryJournal;
import org.csssim.journal.JournalStore;

/**
 * The store an instance runs on, opened from its configuration: the journal, the state store
 * and, for a database, the write queue and the retention job. Opening a database migrates its
 * schema first.
 */
public record Store(StoreOptions.Kind kind, JournalStore journal, StateStore state, WriteBehind writes,
                    Retention retention) {

  public static Future<Store> open(Vertx vertx, SimulatorConfig config, Path dataDir) {
    StoreOptions sc = config.store();
    if (sc.kind() == StoreOptions.Kind.memory) {
      return Future.succeededFuture(new Store(sc.kind(), new InMemoryJournal(config.journal().capacity()),
          new MemoryStateStore(), null, null));
    }
    Database db;
    try {
      db = sc.kind() == StoreOptions.Kind.embedded
          ? Database.embedded(vertx, dataDir.resolve(sc.file()), sc.poolSize())
          : Database.postgresql(vertx, sc.url(), sc.user(), sc.password(), sc.poolSize());
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalStateException("cannot open the store: " + e.getMessage(), e));
    }
    WriteBehind writes = new WriteBehind(db, sc.maxBatch());
    java.time.Clock wall = java.time.Clock.systemUTC();
    return db.claim()
        .compose(v -> Migrations.migrate(db))
        .compose(v -> SqlJournal.open(writes, wall))
        .compose(journal -> SqlStateStore.open(writes).map(state -> new Store(sc.kind(), journal, state, writes,
            new Retention(vertx, journal, state, sc.retention(), config.intake().idempotencyCapacity(),
                dataDir.resolve("journal-archive"), wall))))
        .recover(e -> db.close().transform(x -> Future.failedFuture(
            new IllegalStateException("cannot open the store (" + db.description() + "): " + e.getMessage(), e))));
  }

  public boolean durable() {
    return state.durable();
  }

  public Future<Void> close() {
    return state.close();
  }
}
