package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.csssim.internal.clock.ClockStore;
import org.csssim.internal.clock.SimulatorClock;
import org.csssim.internal.delivery.SubscriptionStore;
import org.csssim.internal.party.ConnectionStore;
import org.csssim.internal.registration.RegistrationStore;
import org.csssim.internal.registration.RegistrationStore.Left;
import org.csssim.internal.unit.Unit;

/**
 * Small state as documents by kind and id, in one table: connections, subscriptions, the
 * registration model and the clock, each port a view of its kinds. The kind names are the
 * stored data's, kept as they were first written.
 */
final class SqlDocuments {
  private static final String REGISTRATIONS = "SELECT body FROM documents WHERE kind = ?";
  private final WriteBehind writes;
  private final String upsert;
  /** A registration's, with its meter point's MPxN in a column of its own: what it is read back by. */
  private final String registrationUpsert;

  SqlDocuments(WriteBehind writes) {
    this.writes = writes;
    Dialect dialect = writes.database().dialect();
    this.upsert = dialect.upsert("documents", List.of("kind", "id"), List.of("kind", "id", "body"));
    this.registrationUpsert = dialect.upsert("documents", List.of("kind", "id"), List.of("kind", "id", "body", "mpxn"));
  }

  private void put(String kind, String id, JsonObject body) {
    writes.write(upsert, Tuple.of(kind, id, body.encode()));
  }

  private void put(String kind, String id, JsonObject body, Unit unit) {
    SqlUnit.of(unit).add(upsert, Tuple.of(kind, id, body.encode()));
  }

  private void remove(String kind, String id) {
    writes.write("DELETE FROM documents WHERE kind = ? AND id = ?", Tuple.of(kind, id));
  }

  private Future<List<JsonObject>> all(String kind) {
    return SqlTables.bodies(writes.database(), "SELECT body FROM documents WHERE kind = ? ORDER BY id", Tuple.of(kind));
  }

  /** One kind of document by id, for the ports whose documents need nothing more. */
  private final class Kind implements ConnectionStore, SubscriptionStore {
    private final String kind;

    Kind(String kind) {
      this.kind = kind;
    }

    @Override
    public void save(String id, JsonObject document) {
      put(kind, id, document);
    }

    @Override
    public void remove(String id) {
      SqlDocuments.this.remove(kind, id);
    }

    @Override
    public Future<List<JsonObject>> all() {
      return SqlDocuments.this.all(kind);
    }
  }

  ConnectionStore connections() {
    return new Kind("connection");
  }

  SubscriptionStore subscriptions() {
    return new Kind("subscription");
  }

  RegistrationStore registrations() {
    return new RegistrationStore() {
      @Override
      public void meterPoint(String mpxn, JsonObject meterPoint, Unit unit) {
        put("meterPoint", mpxn, meterPoint, unit);
      }

      @Override
      public void registration(String id, JsonObject registration, Unit unit) {
        SqlUnit.of(unit).add(registrationUpsert,
            Tuple.of("registration", id, registration.encode(), registration.getString("mpxn")));
      }

      @Override
      public void allocation(String id, JsonObject allocation, Unit unit) {
        put("allocation", id, allocation, unit);
      }

      @Override
      public void seeded(String digest, Unit unit) {
        put("seed", "seed", new JsonObject().put("digest", digest), unit);
      }

      @Override
      public Future<Saved> load() {
        return all("meterPoint").compose(m -> heldRegistrations().compose(r -> leftRegistrations()
            .compose(l -> all("allocation").compose(a -> all("seed")
                .map(seed -> new Saved(m, r, l, a, seed.isEmpty() ? null : seed.get(0).getString("digest")))))));
      }

      @Override
      public Optional<Reads> reads() {
        Database db = writes.database();
        return db.readsNow() ? Optional.of(new Reads() {
          @Override
          public Optional<JsonObject> registration(String id) {
            return db.now(REGISTRATIONS + " AND id = ?", Tuple.of("registration", id), row -> new JsonObject(row.text(0)))
                .stream().findFirst();
          }

          @Override
          public List<JsonObject> registrationsOf(String mpxn) {
            // no ORDER BY: SQLite would then walk the primary key (kind, id) in order rather than use the MPxN's index
            return db.now(REGISTRATIONS + " AND mpxn = ?", Tuple.of("registration", mpxn),
                row -> new JsonObject(row.text(0)));
          }
        }) : Optional.empty();
      }
    };
  }

  /**
   * The registrations a start reads whole: where they can be read back when asked for, only rows
   * written before they had an MPxN column; otherwise every one.
   */
  private Future<List<JsonObject>> heldRegistrations() {
    Database db = writes.database();
    return db.readsNow() ? SqlTables.bodies(db, REGISTRATIONS + " AND mpxn IS NULL ORDER BY id", Tuple.of("registration"))
        : all("registration");
  }

  /** Where registrations can be read back when asked for: the id and MPxN of each of the others. */
  private Future<List<Left>> leftRegistrations() {
    Database db = writes.database();
    return db.readsNow() ? db.all("SELECT id, mpxn FROM documents WHERE kind = ? AND mpxn IS NOT NULL",
        Tuple.of("registration"), row -> new Left(row.text(0), row.text(1))) : Future.succeededFuture(List.of());
  }

  ClockStore clock() {
    return new ClockStore() {
      @Override
      public void save(SimulatorClock.Saved c) {
        put("clock", "clock", new JsonObject().put("base", c.base().toString()).put("realBase", c.realBase().toString())
            .put("speed", c.speed()));
      }

      @Override
      public Future<Optional<SimulatorClock.Saved>> load() {
        return all("clock").map(list -> list.stream().findFirst().map(c -> new SimulatorClock.Saved(
            Instant.parse(c.getString("base")), Instant.parse(c.getString("realBase")), c.getDouble("speed"))));
      }
    };
  }
}
