package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.csssim.internal.clock.ClockStore;
import org.csssim.internal.delivery.OutboxStore;
import org.csssim.internal.delivery.SubscriptionStore;
import org.csssim.internal.files.OwnerOnly;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.party.ConnectionStore;
import org.csssim.internal.registration.RegistrationStore;
import org.csssim.internal.scenario.InboxStore;
import org.csssim.internal.scenario.InstanceStore;
import org.csssim.internal.store.Store;
import org.csssim.internal.store.StoreOptions;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.unit.Units;
import org.csssim.internal.wire.IdempotencyStore;

/**
 * {@code store.kind: embedded} or {@code postgresql}: every port in one database, every write
 * through one ordered {@link WriteBehind}, so changes commit in the order they were made (a
 * script's new state and the messages it sent no later than the inbox entry it handled is
 * marked done).
 */
public final class SqlStore implements Store {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlStore.class);
  private final StoreOptions.Kind kind;
  private final Database db;
  private final WriteBehind writes;
  private final SqlJournal journal;
  private final SqlIdempotency idempotency;
  private final SqlInbox inbox;
  private final SqlOutbox outbox;
  private final SqlInstances instances;
  private final SqlDocuments documents;
  private final Retention retention;
  private final Units units;

  private SqlStore(StoreOptions.Kind kind, WriteBehind writes, SqlJournal journal, SqlIdempotency idempotency,
                   SqlInbox inbox, SqlOutbox outbox, Retention retention) {
    this.kind = kind;
    this.db = writes.database();
    this.writes = writes;
    this.journal = journal;
    this.idempotency = idempotency;
    this.inbox = inbox;
    this.outbox = outbox;
    this.instances = new SqlInstances(writes);
    this.documents = new SqlDocuments(writes);
    this.retention = retention;
    this.units = new Units() {
      @Override
      public Unit begin() {
        return new SqlUnit(writes);
      }

      @Override
      public Future<Void> room() {
        return writes.room();
      }
    };
  }

  /** How often a standby tries the lock: with recovery, takeover stays well within 10 s of the active's end. */
  static final java.time.Duration STANDBY_POLL = java.time.Duration.ofSeconds(1);

  /**
   * Opens the database, claims it for this instance (a standby waits for it), migrates its
   * schema and reads where its sequences stand.
   */
  public static Future<SqlStore> open(Vertx vertx, StoreOptions options, int idempotencyCapacity, Path dataDir) {
    Database db;
    try {
      db = options.kind() != StoreOptions.Kind.embedded
          ? Database.postgresql(vertx, options.url(), options.user(), options.password(), options.poolSize())
          : options.engineIn(dataDir) == StoreOptions.Engine.h2
          ? Database.embedded(vertx, ownerOnlyParent(dataDir.resolve(options.file())), options.poolSize())
          : Database.sqlite(vertx, ownerOnlyParent(dataDir.resolve(options.file() + ".db")), options.poolSize());
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalStateException("cannot open the store: " + e.getMessage(), e));
    }
    WriteBehind writes = new WriteBehind(db, options.maxBatch());
    java.time.Clock wall = java.time.Clock.systemUTC();
    Future<Void> claimed = options.standby()
        ? db.claimWhenFree(vertx, STANDBY_POLL, () -> LOG.info("store: standby: another instance holds {}; waiting to"
            + " take over (checking every {})", db.description(), STANDBY_POLL))
        : db.claim();
    return claimed
        .compose(v -> Migrations.migrate(db))
        .compose(v -> options.kind() == StoreOptions.Kind.embedded
            ? restrictFiles(vertx, dataDir.resolve(options.file()).getParent()) : Future.succeededFuture())
        .compose(v -> SqlJournal.open(writes))
        .compose(journal -> SqlIdempotency.open(writes, idempotencyCapacity)
            .compose(ids -> SqlInbox.open(writes)
                .compose(inbox -> SqlOutbox.open(writes)
                    .map(outbox -> new SqlStore(options.kind(), writes, journal, ids, inbox, outbox,
                        new Retention(vertx, journal, ids, options.retention(), idempotencyCapacity,
                            dataDir.resolve("journal-archive"), wall))))))
        .recover(e -> db.close().transform(x -> Future.failedFuture(
            new IllegalStateException("cannot open the store (" + db.description() + "): " + e.getMessage(), e))));
  }

  /**
   * The embedded store's directory, owner-only (it holds every message body): created so before
   * H2 creates its file there. A directory the user made is left as it is, except for this.
   */
  private static Path ownerOnlyParent(Path file) {
    try {
      OwnerOnly.directory(file.getParent());
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create the store's directory " + file.getParent(), e);
    }
  }

  /** H2's files, made with the process's umask once it has opened them, owner-only too. */
  private static Future<Void> restrictFiles(Vertx vertx, Path dir) {
    return vertx.executeBlocking(() -> {
      OwnerOnly.filesIn(dir);
      return null;
    });
  }

  @Override
  public StoreOptions.Kind kind() {
    return kind;
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public String description() {
    return db.description();
  }

  @Override
  public Units units() {
    return units;
  }

  @Override
  public JournalStore journal() {
    return journal;
  }

  @Override
  public IdempotencyStore idempotency() {
    return idempotency;
  }

  @Override
  public InboxStore inbox() {
    return inbox;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public InstanceStore instances() {
    return instances;
  }

  @Override
  public ConnectionStore connections() {
    return documents.connections();
  }

  @Override
  public SubscriptionStore subscriptions() {
    return documents.subscriptions();
  }

  @Override
  public RegistrationStore registrations() {
    return documents.registrations();
  }

  @Override
  public ClockStore clock() {
    return documents.clock();
  }

  @Override
  public Status status() {
    return new Status(kind.name(), description(), writes.written(), writes.commits(), writes.failures(),
        writes.lastFailure(), writes.failing(), retention.exported());
  }

  @Override
  public void startRetention() {
    retention.schedule();
  }

  @Override
  public Future<Void> close() {
    return writes.drained().eventually(db::close);
  }

  WriteBehind writes() {
    return writes;
  }

  Retention retention() {
    return retention;
  }

  SqlJournal sqlJournal() {
    return journal;
  }
}
