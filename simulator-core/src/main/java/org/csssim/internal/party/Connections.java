package org.csssim.internal.party;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalStore;

/**
 * Each party's connection: simulated (its scripts) or physical (its system at a URL), swapped
 * at run time, never both. A physical connection may carry a lease ({@code from}, {@code until},
 * {@code purpose}) in wall-clock time, the calendar of a test phase: it starts at {@code from}
 * and reverts to simulated by itself at {@code until}. Every change is journaled.
 *
 * <p>Messages in flight across a swap: a message goes where its recipient's mode sends it at
 * the moment it is sent; what was already handed to webhook delivery stays there, and what was
 * on its way to the party's scripts when it turns physical goes to its system. A party that
 * becomes physical has its live script instances ended (they would otherwise act beside the
 * real system).
 */
public final class Connections {
  /** A party's connection now: mode, URL, lease, and the change that made it so. */
  public record Connection(String mpid, Mode mode, String url, Lease lease, Instant since, String by,
                           String reason) {}

  public record Lease(Instant from, Instant until, String purpose) {}

  private final AtomicReference<PartyRegistry> registry;
  private final Vertx vertx;
  private final JournalStore journal;
  private final Clock wallClock;
  private final Map<String, Connection> current = new HashMap<>();
  private final Map<String, List<Long>> leaseTimers = new HashMap<>();
  /** Told of every change, in the order made (the engine retires a party's scripts, delivery wakes its lanes). */
  private final List<BiConsumer<Connection, Connection>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ConnectionStore store;

  public Connections(PartyRegistry initial, Vertx vertx, JournalStore journal, Clock wallClock, ConnectionStore store) {
    this.store = store;
    this.registry = new AtomicReference<>(initial);
    this.vertx = vertx;
    this.journal = journal;
    this.wallClock = wallClock;
    Instant now = wallClock.instant();
    initial.parties().forEach(p -> current.put(p.mpid(), new Connection(p.mpid(), p.mode(), p.url(), null, now,
        "configuration", null)));
  }

  /**
   * The connections operators set before a restart, set again (and journaled as restored); a
   * lease that ended while the simulator was down is not, so its party stays simulated.
   */
  public void restore(List<JsonObject> saved) {
    Instant now = wallClock.instant();
    for (JsonObject j : saved) {
      String mpid = j.getString("mpid");
      if (registry.get().party(mpid).isEmpty()) {
        continue;   // no longer in the configuration
      }
      JsonObject l = j.getJsonObject("lease");
      Lease lease = l == null ? null : new Lease(instant(l.getString("from")), instant(l.getString("until")),
          l.getString("purpose"));
      Connection configured = current.get(mpid);
      boolean same = lease == null && configured.mode().name().equals(j.getString("mode"))
          && java.util.Objects.equals(configured.url(), j.getString("url"));
      if (same || lease != null && lease.until() != null && !lease.until().isAfter(now)) {
        continue;   // as configured already, or its lease is over
      }
      change(mpid, Mode.valueOf(j.getString("mode")), j.getString("url"), lease, j.getString("by"),
          "restored at start" + (j.getString("reason") == null ? "" : ": " + j.getString("reason")));
    }
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  public PartyRegistry registry() {
    return registry.get();
  }

  /**
   * Sets every rotating party's keys as they stand at {@code now} on the simulated clock (a
   * rotation's instant passed, or the clock was moved), and journals each party whose published
   * kids or signing kid changed, so a tester sees when CSS began to sign with its next key.
   */
  /** The instant the keys were last set for. */
  private Instant rotatedAt;

  public synchronized void rotateTo(Instant now) {
    PartyRegistry before = registry.get();
    PartyRegistry after = registry.updateAndGet(r -> r.at(now));
    // journaled at the latest rotation instant passed since the last call (the clock may have
    // jumped past it), or at now when none was (the clock moved back, or this is the first call)
    Instant at = after.rotationInstants().stream().filter(i -> !i.isAfter(now) && rotatedAt != null && i.isAfter(rotatedAt))
        .max(Instant::compareTo).orElse(now);
    rotatedAt = now;
    for (Party p : after.parties()) {
      Party was = before.party(p.mpid()).orElseThrow();
      List<String> kids = p.keys().stream().map(org.csssim.internal.jws.VerificationKey::kid).toList();
      List<String> wasKids = was.keys().stream().map(org.csssim.internal.jws.VerificationKey::kid).toList();
      if (!kids.equals(wasKids) || !java.util.Objects.equals(p.signingKid(), was.signingKid())) {
        journal.append(JournalEntry.change(at, null, null, "SigningKeysChanged", p.mpid(),
            new JsonObject().put("mpid", p.mpid()).put("published", new io.vertx.core.json.JsonArray(kids))
                .put("signingKid", p.signingKid()).put("by", "rotation").encode()));
      }
    }
  }

  /**
   * Tells {@code listener} of each change, with the connection before and after: the scenario
   * engine ends the scripts of a party that became physical, webhook delivery sends what waits
   * for a party that now has a URL. Registered by the runtime once both exist (each needs the
   * other: the engine reads the registry this keeps).
   */
  public void onChange(BiConsumer<Connection, Connection> listener) {
    listeners.add(listener);
  }

  public synchronized List<Connection> all() {
    List<Connection> out = new ArrayList<>();
    registry.get().parties().forEach(p -> out.add(current.get(p.mpid())));
    return out;
  }

  /**
   * Swaps {@code mpid} to {@code mode}. With a lease starting later, the party stays as it is
   * until {@code from}. Answers the connection as it now stands.
   */
  public synchronized Connection change(String mpid, Mode mode, String url, Lease lease, String by,
                                        String reason) {
    cancelLease(mpid);
    Instant now = wallClock.instant();
    if (lease != null) {
      if (lease.from() != null && lease.from().isAfter(now)) {
        later(mpid, lease.from(), () -> apply(mpid, mode, url, lease, by, reason));
      } else {
        apply(mpid, mode, url, lease, by, reason);
      }
      later(mpid, lease.until(), () -> apply(mpid, Mode.simulated, null, null, "lease",
          "lease ended" + (lease.purpose() == null ? "" : ": " + lease.purpose())));
      return current.get(mpid);
    }
    return apply(mpid, mode, url, null, by, reason);
  }

  private synchronized Connection apply(String mpid, Mode mode, String url, Lease lease, String by,
                                        String reason) {
    Connection before = current.get(mpid);
    Instant now = wallClock.instant();
    Connection next = new Connection(mpid, mode, url, lease, now, by, reason);
    registry.updateAndGet(r -> r.withMode(mpid, mode, url));
    current.put(mpid, next);
    store.save(mpid, new JsonObject().put("mpid", mpid).put("mode", mode.name()).put("url", url)
        .put("lease", lease == null ? null : new JsonObject().put("from", lease.from() == null ? null : lease.from().toString())
            .put("until", lease.until() == null ? null : lease.until().toString()).put("purpose", lease.purpose()))
        .put("by", by).put("reason", reason));
    journal.append(JournalEntry.change(now, "PUT", "/admin/v1/parties/" + mpid + "/connection", "ConnectionChanged", mpid,
        new JsonObject().put("mpid", mpid).put("from", before.mode().name()).put("to", mode.name()).put("url", url)
            .put("by", by).put("reason", reason)
            .put("leaseUntil", lease == null ? null : String.valueOf(lease.until())).encode()));
    listeners.forEach(l -> l.accept(before, next));
    return next;
  }

  private void later(String mpid, Instant at, Runnable action) {
    long delay = Math.max(1, Duration.between(wallClock.instant(), at).toMillis());
    long id = vertx.setTimer(delay, t -> action.run());
    leaseTimers.computeIfAbsent(mpid, k -> new ArrayList<>()).add(id);
  }

  private void cancelLease(String mpid) {
    List<Long> timers = leaseTimers.remove(mpid);
    if (timers != null) {
      timers.forEach(vertx::cancelTimer);
    }
  }
}
