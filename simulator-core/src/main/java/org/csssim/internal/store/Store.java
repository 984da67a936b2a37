package org.csssim.internal.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.csssim.internal.clock.ClockStore;
import org.csssim.internal.delivery.OutboxStore;
import org.csssim.internal.delivery.SubscriptionStore;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.party.ConnectionStore;
import org.csssim.internal.registration.RegistrationStore;
import org.csssim.internal.scenario.InboxStore;
import org.csssim.internal.scenario.InstanceStore;
import org.csssim.internal.store.memory.MemoryStore;
import org.csssim.internal.store.sql.SqlStore;
import org.csssim.internal.unit.Units;
import org.csssim.internal.wire.IdempotencyStore;

/**
 * Where an instance's state lives: one implementation of every component's port (each
 * declared by the package that uses it), and the units of work they share. {@code memory}
 * keeps nothing; {@code embedded} (H2) and {@code postgresql} keep everything, written behind
 * in order through one queue ({@code store.sql}).
 */
public interface Store {
  /** Opens the store {@code options} name; a database's schema is migrated first. */
  static Future<Store> open(Vertx vertx, StoreOptions options, int journalCapacity, int idempotencyCapacity,
                            Path dataDir) {
    if (options.kind() == StoreOptions.Kind.memory) {
      return Future.succeededFuture(new MemoryStore(journalCapacity, idempotencyCapacity));
    }
    return SqlStore.open(vertx, options, idempotencyCapacity, dataDir).map(s -> s);
  }

  StoreOptions.Kind kind();

  /** True when changes outlive the process. */
  boolean durable();

  /** Which store, and where: for the operator. */
  String description();

  Units units();

  JournalStore journal();

  IdempotencyStore idempotency();

  InboxStore inbox();

  OutboxStore outbox();

  InstanceStore instances();

  ConnectionStore connections();

  SubscriptionStore subscriptions();

  RegistrationStore registrations();

  ClockStore clock();

  /** How the store's writes stand, for {@code /health}; null counts where there is nothing to count. */
  Status status();

  /**
   * {@code failing}: a commit failed and none has succeeded since; {@code lastFailure} stays to
   * say what was lost, after the store recovers.
   */
  record Status(String kind, String where, Long committed, Long commits, Long failedWrites, Failure lastFailure,
                boolean failing, Long exportedByRetention) {}

  /** A commit that failed: when (wall clock), and why. */
  record Failure(java.time.Instant at, String error) {}

  /** Starts pruning the journal as configured (a database's only). */
  void startRetention();

  /** Completes when every change queued so far is committed, then closes. */
  Future<Void> close();
}
