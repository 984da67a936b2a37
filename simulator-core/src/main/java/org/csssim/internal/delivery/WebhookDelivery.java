package org.csssim.internal.delivery;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.csssim.internal.error.Problem;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.party.FaultProfile;
import org.csssim.internal.party.Faults;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.routing.Destination;
import org.csssim.internal.routing.Reply;
import org.csssim.internal.routing.Routed;
import org.csssim.internal.unit.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers messages for physical parties to their systems, at least once: to the webhook the
 * party registered for the type, else to its connection's URL. Each message is signed by the
 * party that sent it (CSS, say) and POSTed over HTTPS; a 2xx acknowledges it.
 * Anything else is retried with exponential backoff and jitter, up to the configured attempts,
 * then dead-lettered. Every attempt is journaled with its status, latency and error.
 *
 * <p>Order: each recipient has a lane per MPxN, and a lane sends one message at a time, its
 * head, so a party receives the messages of one MPxN in the order they were sent; lanes of a
 * party run side by side up to {@code concurrencyPerParty}. A party with neither a webhook
 * nor a URL keeps its messages until one is added; a party whose webhooks do not take a
 * message's type, and that has no URL, gets it dead-lettered (visible, and resendable once a
 * webhook takes it), so the lane goes on. Parties do not share lanes or limits, so a slow or
 * dead receiver holds up only its own messages. All lane state lives on one context.
 *
 * <p>On a store that keeps messages, what a party cannot be sent yet waits in the store, not in
 * heap ({@link ParkedMessages}), and so does what the outbox owed at a restart: either is read
 * back a page at a time as the party's lanes empty.
 */
public final class WebhookDelivery implements Destination {
  /** Messages read back from the store at a time, and how few a party's lanes hold before the next page is read. */
  static final int PAGE = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private final Vertx vertx;
  private final Context ctx;
  private final OutboundClient client;
  private final MessageSigner signer;
  private final Supplier<PartyRegistry> parties;
  private final Subscriptions subscriptions;
  private final Faults faults;
  private final org.csssim.internal.catalogue.Catalogue catalogue;
  private final JournalStore journal;
  private final DeliveryOptions config;
  private final Clock clock;
  private final Map<String, Map<String, Deque<Pending>>> lanes = new HashMap<>();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final DeadLetters dead;
  private final ParkedMessages parked = new ParkedMessages();
  /** Set as the simulator stops: nothing more is sent (what is owed stays in the outbox for the next start). */
  private boolean stopping;
  private final OutboxStore store;
  // counts readable from any thread, for the metrics
  private final Map<String, AtomicInteger> backlogNow = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deadNow = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failedAttempts = new ConcurrentHashMap<>();

  /** A message on its way and how its delivery stands; {@code id} is its outbox entry in the store. */
  private static final class Pending {
    final Routed message;
    final long id;
    int attempts;
    boolean busy;   // being sent, or waiting for its retry
    boolean stored; // committed to the store: only then may it be sent

    Pending(Routed message, long id, boolean stored) {
      this.message = message;
      this.id = id;
      this.stored = stored;
    }
  }

  public WebhookDelivery(Vertx vertx, Context ctx, OutboundClient client, MessageSigner signer,
                         Supplier<PartyRegistry> parties, Subscriptions subscriptions, Faults faults,
                         org.csssim.internal.catalogue.Catalogue catalogue, JournalStore journal, DeliveryOptions config,
                         Clock clock, OutboxStore store) {
    this.store = store;
    this.dead = new DeadLetters(store.keepsMessages());
    this.vertx = vertx;
    this.ctx = ctx;
    this.client = client;
    this.signer = signer;
    this.parties = parties;
    this.subscriptions = subscriptions;
    this.faults = faults;
    this.catalogue = catalogue;
    this.journal = journal;
    this.config = config;
    this.clock = clock;
    subscriptions.onAdded(s -> ctx.runOnContext(v -> pump(s.mpid())));
  }

  /**
   * Keeps the message in the outbox (with the unit of the step that sent it) and queues it at
   * once, so the operator sees it waiting; it is sent only once the unit is committed, so a
   * message that went out is never lost or made again after a crash.
   */
  @Override
  public Future<Optional<Reply>> take(Routed m, Unit unit) {
    long id = store.put(m.recipientMpid(), m.eventId(), m::toJson, unit);
    ctx.runOnContext(v -> {
      FaultProfile f = faults.of(m.recipientMpid());
      if (FaultProfile.roll(f.dropRate())) {
        record(m, JournalEntry.Outcome.DROPPED, new JournalEntry.Attempt(0, null, 0, 0, "dropped by an injected fault"));
        unit.committed().onComplete(ar -> store.done(id));
        return;
      }
      int copies = FaultProfile.roll(f.duplicateRate()) ? 2 : 1;
      // reordering gives each message a lane of its own and a random hold, so they overtake one another
      long hold = f.delay().toMillis() + (f.reorder() ? ThreadLocalRandom.current().nextLong(1000) : 0);
      String lane = f.reorder() ? m.eventId() + "#" + ThreadLocalRandom.current().nextLong() : laneOf(m);
      if (hold > 0) {
        vertx.setTimer(hold, t -> add(m, id, unit.committed(), lane, copies));
      } else {
        add(m, id, unit.committed(), lane, copies);
      }
    });
    return NO_REPLY;
  }

  private static String laneOf(Routed m) {
    return m.mpxn() == null ? "" : m.mpxn();
  }

  /**
   * Queues {@code m} compact, as it is sent from its bytes; or parks it in the store when its
   * party cannot be sent it yet, or has older messages parked (an injected duplicate or reorder
   * is always queued, since only a queue plays it).
   */
  private void add(Routed routed, long id, Future<Void> committed, String lane, int copies) {
    Routed m = routed.compact();
    String mpid = m.recipientMpid();
    if (store.keepsMessages() && copies == 1 && lane.equals(laneOf(m)) && (parked.holds(mpid) || !sendable(mpid))) {
      park(m, id, committed);
    } else {
      queue(m, id, committed, lane, copies);
    }
    pump(mpid);
  }

  private void park(Routed m, long id, Future<Void> committed) {
    String mpid = m.recipientMpid();
    parked.park(mpid, id, !committed.isComplete() || committed.failed() ? m : null);
    count(backlogNow, mpid, 1);
    if (committed.failed()) {
      parked.settled(mpid, id, true);
    } else if (!committed.isComplete()) {
      committed.onComplete(ar -> ctx.runOnContext(v -> {
        parked.settled(mpid, id, ar.failed());
        pump(mpid);
      }));
    }
  }

  /** Puts {@code m} at the end of its lane, to be sent once its unit is committed. */
  private void queue(Routed m, long id, Future<Void> committed, String lane, int copies) {
    Deque<Pending> queue = lanes.computeIfAbsent(m.recipientMpid(), k -> new LinkedHashMap<>())
        .computeIfAbsent(lane, k -> new ArrayDeque<>());
    List<Pending> added = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      Pending p = new Pending(m, id, committed.isComplete());
      queue.addLast(p);
      added.add(p);
    }
    count(backlogNow, m.recipientMpid(), copies);
    if (!committed.isComplete()) {
      // a failed write leaves the message undurable, but it is still sent: better than never
      committed.onComplete(ar -> ctx.runOnContext(v -> {
        added.forEach(p -> p.stored = true);
        pump(m.recipientMpid());
      }));
    }
  }

  /**
   * After a restart: what the outbox still owes goes out again, in the order it was stored
   * (the same eventIds: a message sent just before a crash may arrive twice, never not at all),
   * and the dead letters are back for the operator.
   */
  public Future<Integer> recover() {
    return recover(0, 0);
  }

  /**
   * The outbox's entries read a page at a time, without their messages: what is owed is parked
   * (read back as it can be sent), the dead kept. An entry an earlier release wrote names no
   * recipient, so its message is read for it.
   */
  private Future<Integer> recover(long after, int read) {
    return store.entries(after, PAGE).compose(entries -> {
      long[] old = entries.stream().filter(e -> e.recipient() == null).mapToLong(OutboxStore.Entry::id).toArray();
      return store.read(old).compose(rows -> onContext(() -> {
        Map<Long, Routed> messages = new HashMap<>();
        rows.forEach(r -> messages.put(r.id(), Routed.fromJson(r.message(), catalogue.layout()).compact()));
        for (OutboxStore.Entry e : entries) {
          Routed m = messages.get(e.id());
          String mpid = m == null ? e.recipient() : m.recipientMpid();
          if (mpid == null) {
            continue;   // an earlier release's entry whose message could not be read back
          }
          if (e.dead()) {
            if (dead.add(e.id(), mpid, m == null ? e.eventId() : m.eventId(), m)) {
              count(deadNow, mpid, 1);
            }
          } else {
            parked.park(mpid, e.id(), null);
            count(backlogNow, mpid, 1);
          }
        }
        return entries;
      }));
    }).compose(entries -> {
      if (entries.size() < PAGE) {
        return onContext(() -> {
          backlogNow.keySet().forEach(this::pump);
          return read + entries.size();
        });
      }
      return recover(entries.get(entries.size() - 1).id(), read + entries.size());
    });
  }

  /**
   * Starts the head of every idle lane of {@code mpid} that has a webhook, within the party's
   * limit, and reads back the next page of what is parked once its lanes run low.
   */
  private void pump(String mpid) {
    // with no webhook at all everything waits: walking a large backlog for nothing on every
    // new message made delivery quadratic in the backlog
    if (stopping || !sendable(mpid)) {
      return;
    }
    if (backlogNow(mpid) - parked.count(mpid) < PAGE) {
      unpark(mpid);
    }
    Map<String, Deque<Pending>> byMpxn = lanes.get(mpid);
    if (byMpxn == null) {
      return;
    }
    for (Deque<Pending> lane : byMpxn.values()) {
      if (inFlight.getOrDefault(mpid, 0) >= config.concurrencyPerParty()) {
        return;
      }
      Pending head = lane.peekFirst();
      while (head != null && !head.busy && head.stored) {
        String target = target(mpid, head.message.eventType());
        if (target != null) {
          attempt(head, lane, target);
        } else {
          // the party takes other types but not this one: kept as a dead letter, so its lane goes on
          record(head.message, JournalEntry.Outcome.DEAD_LETTERED, new JournalEntry.Attempt(0, null, 0, 0,
              "no webhook of " + mpid + " takes " + head.message.eventType()));
          buried(lane.pollFirst());
          count(backlogNow, mpid, -1);
          head = lane.peekFirst();
          continue;
        }
        break;
      }
    }
  }

  /** Reads back the next page of what waits parked for {@code mpid} and queues it, in order, behind its lanes. */
  private void unpark(String mpid) {
    long[] ids = parked.take(mpid, PAGE);
    if (ids.length == 0) {
      return;
    }
    store.read(ids).onComplete(ar -> ctx.runOnContext(v -> {
      if (ar.failed()) {
        parked.unread(mpid, ids);
        LOG.warn("delivery: could not read {} parked messages for {} back from the store ({}); trying again",
            ids.length, mpid, ar.cause().getMessage());
        vertx.setTimer(config.initialBackoff().toMillis(), t -> pump(mpid));
        return;
      }
      Map<Long, JsonObject> rows = new HashMap<>();
      ar.result().forEach(s -> rows.put(s.id(), s.message()));
      for (long id : ids) {
        count(backlogNow, mpid, -1);   // queued, it is counted again
        Routed m = parked.unstored(mpid, id);
        JsonObject row = rows.get(id);
        if (m == null && row != null) {
          m = Routed.fromJson(row, catalogue.layout()).compact();
        }
        if (m == null) {
          LOG.error("delivery: the parked message {} for {} is not in the outbox; it cannot be sent", id, mpid);
          continue;
        }
        queue(m, id, Future.succeededFuture(), laneOf(m), 1);
      }
      parked.read(mpid);
      pump(mpid);
    }));
  }

  /** Whether {@code mpid}'s messages can go anywhere now: a webhook, or a physical party's URL. */
  private boolean sendable(String mpid) {
    return subscriptions.any(mpid) || connectionUrl(mpid) != null;
  }

  /**
   * Where a message goes: the party's webhook for its type; else, for a physical party with a
   * connection URL, that URL (for the party holding the catalogue's receiver role, CSS in SIT
   * mode, the URL and the type's path); else nowhere (null).
   */
  private String target(String mpid, String eventType) {
    var subscription = subscriptions.find(mpid, eventType);
    if (subscription.isPresent()) {
      return subscription.get().url();
    }
    String base = connectionUrl(mpid);
    if (base == null || !receives(mpid)) {
      return base;
    }
    var type = catalogue.type(eventType).orElse(null);
    if (type == null || type.spec().path() == null || type.spec().bodiless()) {
      return null;
    }
    return base.replaceAll("/+$", "") + type.spec().path();
  }

  /** The URL of a physical party's connection, or null. */
  private String connectionUrl(String mpid) {
    return parties.get().party(mpid).filter(p -> p.physical() && p.url() != null).map(Party::url).orElse(null);
  }

  private boolean receives(String mpid) {
    return parties.get().party(mpid).map(p -> p.hasRole(catalogue.receiver())).orElse(false);
  }

  /**
   * Sends nothing more, as the simulator stops: a retry falling due while the outbound client
   * and the store close would send through a closed client (the worker pool already gone, an
   * unhandled error in the log). What is owed stays in the outbox and goes at the next start.
   */
  public Future<Void> stop() {
    return onContext(() -> {
      stopping = true;
      return null;
    });
  }

  /** Sends what waits for {@code mpid}, if it can now go somewhere (a connection got a URL). */
  public void wake(String mpid) {
    ctx.runOnContext(v -> pump(mpid));
  }

  /** Where {@code mpid}'s messages go now, in words: what {@code GET /parties} and a swap's answer say. */
  public String destinationOf(String mpid) {
    Party p = parties.get().party(mpid).orElse(null);
    if (p == null || !p.physical()) {
      return "its scripts (simulated)";
    }
    boolean webhooks = subscriptions.any(mpid);
    String url = connectionUrl(mpid);
    String there = url == null ? null : receives(mpid) ? url + " (and each type's path)" : url;
    if (webhooks && there != null) {
      return "its webhooks for the types they take, else " + there;
    }
    if (webhooks) {
      return "its webhooks for the types they take; other types are dead-lettered";
    }
    if (there != null) {
      return there;
    }
    return "nowhere yet: its messages wait in its outbox until a webhook is registered or a url set";
  }

  private void attempt(Pending p, Deque<Pending> lane, String url) {
    Routed m = p.message;
    p.busy = true;
    p.attempts++;
    inFlight.merge(m.recipientMpid(), 1, Integer::sum);
    Party sender = parties.get().party(m.senderMpid()).orElseThrow();
    long start = System.nanoTime();
    // Signing is the costliest step: it runs on the worker pool, unordered, so it uses every core;
    // a lane still sends one message at a time, so order holds.
    ctx.executeBlocking(() -> signer.sign(sender, "POST", url, catalogue.body(m.body())), false)
        .compose(signed -> client.send(HttpMethod.POST, url, signed.headers(), signed.contentType(), signed.body()))
        .onComplete(ar -> {
      inFlight.merge(m.recipientMpid(), -1, Integer::sum);
      long micros = (System.nanoTime() - start) / 1000;
      int status = ar.succeeded() ? ar.result().status() : 0;
      if (status >= 200 && status < 300) {
        record(m, JournalEntry.Outcome.ACKNOWLEDGED, new JournalEntry.Attempt(p.attempts, url, status, micros, null));
        store.done(p.id);
        leave(m.recipientMpid(), lane);
      } else {
        String error = ar.succeeded() ? "HTTP " + status : client.explain(ar.cause(), url);
        count(failedAttempts, m.recipientMpid(), 1);
        if (p.attempts >= config.maxAttempts()) {
          record(m, JournalEntry.Outcome.DEAD_LETTERED, new JournalEntry.Attempt(p.attempts, url, status, micros, error));
          leave(m.recipientMpid(), lane);
          buried(p);
        } else {
          record(m, JournalEntry.Outcome.RETRYING, new JournalEntry.Attempt(p.attempts, url, status, micros, error));
          vertx.setTimer(backoffMillis(p.attempts), id -> {
            p.busy = false;
            pump(m.recipientMpid());
          });
          pump(m.recipientMpid());
          return;
        }
      }
      pump(m.recipientMpid());
    });
  }

  /** Dead-lettered: kept for the operator (and in the store) until resent; an injected duplicate counts once. */
  private void buried(Pending p) {
    if (dead.add(p.id, p.message.recipientMpid(), p.message.eventId(), p.message)) {
      count(deadNow, p.message.recipientMpid(), 1);
    }
    store.dead(p.id, true);
  }

  /**
   * The lane's head is done with; an emptied lane is dropped (the next message recreates it),
   * as MPxNs come and go and reordered messages each have their own.
   */
  private void leave(String mpid, Deque<Pending> lane) {
    lane.pollFirst();
    count(backlogNow, mpid, -1);
    Map<String, Deque<Pending>> byMpxn = lanes.get(mpid);
    if (lane.isEmpty() && byMpxn != null) {
      byMpxn.values().remove(lane);
    }
  }

  /** initialBackoff doubled per attempt, capped at maxBackoff, +/-20% so retries of many messages spread out. */
  private long backoffMillis(int attempts) {
    double base = Math.min(config.maxBackoff().toMillis(),
        config.initialBackoff().toMillis() * Math.pow(2, Math.min(attempts - 1, 30)));
    return Math.max(1, (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
  }

  private void record(Routed m, JournalEntry.Outcome outcome, JournalEntry.Attempt attempt) {
    journal.append(JournalEntry.sent(clock.instant(), m.message(), m.senderMpid(), m.recipientMpid(), m.keys(), outcome,
        attempt.error() == null ? List.of() : List.of(new Problem("DELIVERY_FAILED", attempt.error(), null)), attempt));
  }

  /** How many messages wait for a party's system, and the first of them. */
  public record Waiting(int count, List<Routed> first) {}

  /**
   * The messages not yet acknowledged by {@code mpid}'s system, and the first {@code limit} of
   * them, oldest first: those queued, then those parked in the store (which came after them).
   */
  public Future<Waiting> pending(String mpid, int limit) {
    record Seen(List<Routed> queued, ParkedMessages.Snapshot held, int count) {}
    return onContext(() -> {
      List<Routed> queued = new ArrayList<>();
      lanes.getOrDefault(mpid, Map.of()).values().forEach(l -> l.forEach(p -> queued.add(p.message)));
      queued.sort(Comparator.comparing(Routed::at));
      return new Seen(queued, parked.snapshot(mpid), backlogNow(mpid));
    }).compose(now -> {
      long[] stored = now.held().stored();
      int more = Math.max(0, limit - now.queued().size());
      return stored(Arrays.copyOf(stored, Math.min(more, stored.length))).map(fromStore -> {
        fromStore.addAll(now.held().here());
        fromStore.sort(Comparator.comparing(Routed::at));
        List<Routed> out = new ArrayList<>(now.queued());
        out.addAll(fromStore);
        return new Waiting(now.count(), out.size() > limit ? List.copyOf(out.subList(0, limit)) : out);
      });
    });
  }

  /**
   * Messages whose every attempt failed, for {@code mpid} (or every party when null), in the
   * order they were sent: read from the store, or kept in heap where the store does not keep them.
   */
  public Future<List<Routed>> deadLetters(String mpid) {
    return onContext(() -> {
      long[] ids = dead.ids(mpid);
      return Map.entry(ids, dead.here(ids));
    }).compose(now -> stored(now.getKey()).map(out -> {
      out.addAll(now.getValue());   // one of the two is empty
      return out;
    }));
  }

  /** The messages of {@code ids} the store has, read back, in the order of their ids. */
  private Future<List<Routed>> stored(long[] ids) {
    return store.read(ids).map(rows -> {
      List<Routed> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(Routed.fromJson(r.message(), catalogue.layout())));
      return out;
    });
  }

  /** How many wait, per party. */
  public Future<Map<String, Integer>> backlog() {
    // the counts cover the lanes and what is parked alike; read on the context, with the lanes still
    return onContext(() -> {
      Map<String, Integer> out = new LinkedHashMap<>();
      backlogNow.forEach((mpid, n) -> out.put(mpid, n.get()));
      return out;
    });
  }

  /** How many of {@code mpid}'s messages are queued in heap (the rest of its backlog waits in the store). */
  Future<Integer> queued(String mpid) {
    return onContext(() -> lanes.getOrDefault(mpid, Map.of()).values().stream().mapToInt(Deque::size).sum());
  }

  /** Removes a message from the dead letters (when it is resent). */
  public Future<Void> forgetDead(String eventId) {
    return onContext(() -> {
      DeadLetters.Taken it = dead.remove(eventId);
      if (it != null) {
        count(deadNow, it.mpid(), -1);
        store.done(it.id());   // resending stores it afresh
      }
      return null;
    });
  }

  /** How many of {@code mpid}'s messages wait: queued in its lanes or parked in the store. */
  public int backlogNow(String mpid) {
    return now(backlogNow, mpid);
  }

  /** Attempts that failed, per party, since start (each retry and each last attempt). */
  public int failedAttempts(String mpid) {
    return now(failedAttempts, mpid);
  }

  public int deadNow(String mpid) {
    return now(deadNow, mpid);
  }

  /** A count as it stands (read on every pump, so nothing is made for a party not counted yet). */
  private static int now(Map<String, AtomicInteger> counts, String mpid) {
    AtomicInteger n = counts.get(mpid);
    return n == null ? 0 : n.get();
  }

  private static void count(Map<String, AtomicInteger> counts, String mpid, int delta) {
    counts.computeIfAbsent(mpid, k -> new AtomicInteger()).addAndGet(delta);
  }

  private <T> Future<T> onContext(Callable<T> work) {
    Promise<T> p = Promise.promise();
    ctx.runOnContext(v -> {
      try {
        p.complete(work.call());
      } catch (Exception e) {
        p.fail(e);
      }
    });
    return p.future();
  }
}
