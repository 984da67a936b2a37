package org.csssim.scenario;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.csssim.catalogue.Catalogue;
import org.csssim.catalogue.MessageType;
import org.csssim.clock.TimerService;
import org.csssim.clock.WorkingCalendar;
import org.csssim.delivery.MessageRouter;
import org.csssim.delivery.OutboundMessage;
import org.csssim.error.Problem;
import org.csssim.party.Party;
import org.csssim.party.PartyRegistry;
import org.csssim.registration.RegistrationStore;
import org.csssim.scenario.expr.EvalContext;
import org.csssim.scenario.expr.Functions;
import org.csssim.store.StateStore;
import org.csssim.wire.AcceptedMessage;
import org.csssim.wire.InboundListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scenario pack: plays every simulated party. A message for a simulated party goes to
 * the live instance that accepts it (found by key), or starts the first scenario it triggers.
 * Every instance lives on the timer service's context, one owner for all, so instance state and
 * the timers that wake it need no locks, and clock jumps fire waits in global time order.
 */
public final class ScenarioEngine implements InboundListener {
  private static final Logger LOG = LoggerFactory.getLogger(ScenarioEngine.class);
  static final int RECENT = 10_000;
  /**
   * Hand-overs between simulated parties run after the step that sent them, so a burst of
   * messages can queue them faster than they run. Past this many waiting, an acknowledgement
   * waits until half of them have run: the sender slows down instead of the heap filling up.
   */
  static final int HAND_OVER_HIGH_WATER = 10_000;

  private final TimerService timers;
  private final Catalogue catalogue;
  private final Supplier<PartyRegistry> parties;
  private final RegistrationStore registrations;
  private final MessageRouter router;
  private final Interpreter interpreter = new Interpreter(this);
  private final Map<String, Instance> live = new HashMap<>();
  private final Map<String, Instance> byId = new HashMap<>();
  /** The most recently ended instances, oldest first, at most {@value #RECENT}; live ones are in {@code live}. */
  private final Deque<Instance> ended = new ArrayDeque<>();
  private volatile ScenarioPack pack;
  /** Written on the owner context only. */
  private volatile int handOversWaiting;
  /** Acknowledgements held back until the hand-overs fall to half the high-water mark; owner context only. */
  private final List<Promise<Void>> handOverWaiters = new ArrayList<>();
  private volatile Functions functions;
  private final List<TimerService.Timer> triggerTimers = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong unhandled = new java.util.concurrent.atomic.AtomicLong();
  private volatile int liveNow;   // live.size(), readable from any thread (for the metrics)
  private final StateStore state;
  /** Instances changed by the work running now, written to the store when it ends; owner context only. */
  private final java.util.Set<Instance> dirty = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Map<Scenario, StepIndex> indexes = new java.util.IdentityHashMap<>();

  public ScenarioEngine(TimerService timers, Catalogue catalogue, Supplier<PartyRegistry> parties,
                        RegistrationStore registrations, MessageRouter router, ScenarioPack pack, StateStore state) {
    this.state = state;
    this.timers = timers;
    this.catalogue = catalogue;
    this.parties = parties;
    this.registrations = registrations;
    this.router = router;
    use(pack);
    router.deliverSimulatedTo(this::fromRouter);
  }

  /** The functions scripts call to read the registration model and the parties. */
  public static Map<String, Functions.Function> engineFunctions(RegistrationStore store, Supplier<PartyRegistry> parties) {
    return DomainFunctions.of(store, parties);
  }

  /** Swaps in a pack; instances already running keep the scenario they started with. */
  public void use(ScenarioPack next) {
    this.functions = Functions.standard(timers.clock(), next.calendar()).with(engineFunctions(registrations, parties));
    this.pack = next;
    timers.owner().runOnContext(v -> scheduleTimerTriggers(next));
  }

  /** Replaces the timers of the timer-triggered scenarios with those of {@code next}. */
  private void scheduleTimerTriggers(ScenarioPack next) {
    triggerTimers.forEach(TimerService.Timer::cancel);
    triggerTimers.clear();
    for (Scenario s : next.scenarios()) {
      if (s.trigger().timer()) {
        Instant now = clock().instant();
        Instant first = s.trigger().at() != null ? s.trigger().at() : now.plus(s.trigger().every());
        if (first.isBefore(now) && s.trigger().every() != null) {
          while (first.isBefore(now)) {
            first = first.plus(s.trigger().every());
          }
        }
        if (!first.isBefore(now)) {
          scheduleTrigger(s, first);
        }
      }
    }
  }

  /** At {@code due}: one instance for each simulated party the scenario plays; then again after {@code every}. */
  private void scheduleTrigger(Scenario s, Instant due) {
    triggerTimers.add(timers.schedule(due, () -> persisting(() -> {
      if (pack.scenario(s.name()).orElse(null) == s) {
        for (Party p : parties.get().parties()) {
          if (!p.physical() && plays(s, p)) {
            Inbound tick = Inbound.start(Map.of("firedAt", due.toString(), "correlationId", UUID.randomUUID().toString()),
                p.mpid());
            start(s, p, tick, UUID.randomUUID().toString(), Map.of(), new Interpreter.Run());
          }
        }
        if (s.trigger().every() != null) {
          scheduleTrigger(s, due.plus(s.trigger().every()));
        }
      }
      return Future.succeededFuture();
    })));
  }

  public ScenarioPack pack() {
    return pack;
  }

  public int liveNow() {
    return liveNow;
  }

  /** Messages for simulated parties that no scenario took (journaled, otherwise ignored). */
  public long unhandled() {
    return unhandled.get();
  }

  // ---- messages in ----

  /** A message a physical party sent to the catalogue's receiver (CSS), from the intake. */
  @Override
  public Future<Optional<Reply>> accepted(AcceptedMessage m) {
    Optional<Party> receiver = m.recipientMpid() != null ? parties.get().party(m.recipientMpid())
        : parties.get().parties().stream().filter(p -> p.hasRole(catalogue.receiver()) && !p.physical()).findFirst();
    if (receiver.isEmpty() || receiver.get().physical()) {
      handled(m.inboxId());
      return Future.succeededFuture(Optional.empty());
    }
    // only a request to the receiver (CSS) is answered by a script; a webhook's answer is its acknowledgement
    Inbound in = new Inbound(m.type().eventType(), m.message(),
        m.senderMpid(), receiver.get().mpid(), m.ackIds(), m.recipientMpid() == null);
    return onOwner(() -> {
      Interpreter.Run run = persisting(() -> {
        Interpreter.Run r = receive(in);
        handled(m.inboxId());
        return r;
      });
      if (handOversWaiting <= HAND_OVER_HIGH_WATER) {
        return Future.succeededFuture(run);
      }
      Promise<Void> drained = Promise.promise();
      handOverWaiters.add(drained);
      return drained.future().map(run);
    }).compose(answered -> answered).map(ScenarioEngine::reply);
  }

  /** Hand-overs between simulated parties queued and not yet run. */
  int handOversWaiting() {
    return handOversWaiting;
  }

  private static Optional<Reply> reply(Interpreter.Run run) {
    if (run.replyStatus == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Reply(run.replyStatus, "application/json", org.csssim.json.Json.bytes(run.replyBody)));
    } catch (Exception e) {
      return Optional.of(new Reply(500, "application/json", "{\"status\":\"Error\"}".getBytes()));
    }
  }

  /** A message one simulated party sent another, through the router. */
  private void fromRouter(OutboundMessage m) {
    // Kept in the inbox until it has run, committed with the step that sent it.
    long inboxId = state.inbox(m::toJson).id();
    handOver(m, inboxId);
  }

  private void handOver(OutboundMessage m, long inboxId) {
    // As a timer due now: it runs after the step that sent it, in order with every wait that
    // falls due, and a clock jump completes only once the chains it set off have run. It is
    // read into maps only when it runs, so a backlog of hand-overs holds just their bytes.
    Runnable deliver = () -> {
      handOversWaiting++;
      timers.schedule(clock().instant(), () -> {
        handOversWaiting--;
        if (!handOverWaiters.isEmpty() && handOversWaiting <= HAND_OVER_HIGH_WATER / 2) {
          List<Promise<Void>> release = new ArrayList<>(handOverWaiters);
          handOverWaiters.clear();
          release.forEach(Promise::complete);
        }
        persisting(() -> {
          if (parties.get().party(m.recipientMpid()).map(Party::physical).orElse(false)) {
            router.toSystem(m);   // the party turned physical while this was on its way: its system gets it
          } else {
            receive(inbound(m));
          }
          handled(inboxId);
          return null;
        });
        return Future.succeededFuture();
      });
    };
    if (io.vertx.core.Vertx.currentContext() == timers.owner()) {
      deliver.run();
    } else {
      timers.owner().runOnContext(v -> deliver.run());
    }
  }

  private Inbound inbound(OutboundMessage m) {
    // what the intake's acknowledgement would have carried (a registrationId, say)
    Map<String, String> ack = catalogue.type(m.eventType()).map(t -> t.ackIds(m.message().tree())).orElse(Map.of());
    return new Inbound(m.eventType(), m.message(), m.senderMpid(), m.recipientMpid(), ack, false);
  }


  /** On the owner: to the instance that accepts it, else the first scenario it triggers. */
  private Interpreter.Run receive(Inbound in) {
    Interpreter.Run run = new Interpreter.Run();
    Party to = parties.get().party(in.recipientMpid()).orElse(null);
    if (to == null || to.physical()) {
      return run;
    }
    List<Scenario> mine = pack.scenarios().stream().filter(s -> plays(s, to)).toList();
    EvalContext outside = context(null, in, to);
    for (Scenario s : mine) {
      var accepts = s.accepts().get(in.eventType());
      if (accepts != null) {
        Instance inst = live.get(liveKey(s, to.mpid(), accepts.eval(outside)));
        if (inst != null) {
          deliver(inst, in, run);
          return run;
        }
      }
    }
    for (Scenario s : mine) {
      if (s.trigger().on(in.eventType()) && (s.trigger().when() == null || s.trigger().when().test(outside))) {
        start(s, to, in, s.key().eval(outside), Map.of(), run);
        return run;
      }
    }
    unhandled.incrementAndGet();
    LOG.debug("no scenario of {} takes {} {}", to.mpid(), in.eventType(), in.message().eventId());
    return run;
  }

  private void deliver(Instance inst, Inbound in, Interpreter.Run run) {
    List<Step> handler = inst.waiting != null ? inst.waiting.on().get(in.eventType()) : null;
    if (handler == null) {
      handler = inst.scenario.on().get(in.eventType());
    }
    if (handler == null) {
      LOG.debug("instance {} of {} does not take {} now", inst.id, inst.scenario.name(), in.eventType());
      return;
    }
    interpreter.handle(inst, handler, in, run);
    inst.updated = clock().instant();
    changed(inst);
  }

  private void start(Scenario s, Party as, Inbound in, Object key, Map<String, Object> params, Interpreter.Run run) {
    String k = String.valueOf(key);
    if (live.containsKey(liveKey(s, as.mpid(), k))) {
      LOG.warn("scenario {} already has a live instance with key {}; {} not started", s.name(), k, in.eventType());
      return;
    }
    Object corr = in.view().get("correlationId");
    Instance inst = new Instance(UUID.randomUUID().toString(), s, k, as.mpid(), role(s, as), in.message().bytes(), in.ack(), params,
        corr instanceof String c ? c : UUID.randomUUID().toString(), clock().instant());
    live.put(liveKey(s, as.mpid(), k), inst);
    liveNow = live.size();
    byId.put(inst.id, inst);
    inst.stack.push(new Instance.Frame(s.steps()));
    changed(inst);
    interpreter.run(inst, in, run);
  }

  /** A party became physical: its live instances end, so its scripts never act beside its real system. */
  public void retireParty(String mpid) {
    onOwner(() -> persisting(() -> {
      for (Instance inst : new ArrayList<>(live.values())) {
        if (inst.actingMpid.equals(mpid)) {
          interpreter.finish(inst, "SwappedToPhysical");
        }
      }
      return null;
    }));
  }

  // ---- operator runs ----

  /** A started run, or why it could not start. */
  public record Started(String id, String error) {}

  /** Starts an operator-triggered scenario as {@code asMpid}; completes once what it does at once is done. */
  public Future<Started> startRun(String scenario, String asMpid, Map<String, Object> params) {
    return startNow(scenario, asMpid, params).compose(started -> timers.settle().map(started));
  }

  private Future<Started> startNow(String scenario, String asMpid, Map<String, Object> params) {
    return onOwner(() -> persisting(() -> {
      Scenario s = pack.scenario(scenario).orElse(null);
      if (s == null || !s.trigger().operator()) {
        return new Started(null, s == null ? "no scenario " + scenario : scenario + " is not started by the operator");
      }
      Party as = parties.get().party(asMpid).orElse(null);
      if (as == null || as.physical() || !plays(s, as)) {
        return new Started(null, asMpid + " is not a simulated party that " + s.name() + " plays (" + s.actsAs() + ")");
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (var p : s.params().entrySet()) {
        Object v = params.containsKey(p.getKey()) ? params.get(p.getKey()) : p.getValue().defaultValue();
        if (v == null && p.getValue().required()) {
          return new Started(null, "parameter " + p.getKey() + " is required");
        }
        values.put(p.getKey(), v);
      }
      for (String given : params.keySet()) {
        if (!s.params().containsKey(given)) {
          return new Started(null, s.name() + " takes no parameter " + given + "; it takes " + s.params().keySet());
        }
      }
      // a run is keyed by its correlationId, so the answers to what it sends find it again
      String correlationId = UUID.randomUUID().toString();
      Inbound none = Inbound.start(Map.of("correlationId", correlationId), asMpid);
      start(s, as, none, correlationId, values, new Interpreter.Run());
      Instance inst = live.get(liveKey(s, as.mpid(), correlationId));
      return new Started(inst != null ? inst.id : idOfRecent(correlationId), null);
    }));
  }

  private String idOfRecent(String key) {
    var it = ended.descendingIterator();
    while (it.hasNext()) {
      Instance i = it.next();
      if (i.key.equals(key)) {
        return i.id;
      }
    }
    return null;
  }

  /** What an operator sees of an instance. */
  public record View(String id, String scenario, String key, String actsAs, String status, String outcome, String error,
                     String correlationId, Instant started, Instant updated, Instant waitingUntil, Map<String, Object> vars) {}

  public Future<Optional<View>> instance(String id) {
    return onOwner(() -> Optional.ofNullable(byId.get(id)).map(ScenarioEngine::view));
  }

  /** How many instances the engine can still show: the live ones and the recently ended. */
  Future<Integer> remembered() {
    return onOwner(byId::size);
  }

  /** Live instances, then (with {@code withEnded}) the most recently ended ones, newest first. */
  public Future<List<View>> instances(int limit, boolean withEnded) {
    return onOwner(() -> {
      List<View> out = new ArrayList<>();
      live.values().stream().limit(limit).forEach(i -> out.add(view(i)));
      if (withEnded) {
        var it = ended.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
          out.add(view(it.next()));
        }
      }
      return out;
    });
  }

  private static View view(Instance i) {
    return new View(i.id, i.scenario.name(), i.key, i.actingMpid, i.status.name(), i.outcome, i.error, i.correlationId,
        i.started, i.updated, i.waitingUntil, new LinkedHashMap<>(i.vars));
  }

  // ---- what the interpreter calls ----

  void dispatch(Instance inst, Step.Send step, org.csssim.message.Message message, String recipient) {
    MessageType type = catalogue.type(step.type()).orElseThrow();
    List<Problem> violations = new ArrayList<>();
    OutboundMessage m = Interpreter.outbound(message, recipient, type, clock().instant(), violations);
    if (!violations.isEmpty()) {
      router.failed(m, violations);
      throw new Interpreter.StepFailure(step.type() + " refused by its schema: " + violations.get(0).pointer() + " "
          + violations.get(0).message());
    }
    router.send(m);
  }

  void scheduleWake(Instance inst, Instant due) {
    inst.timer = timers.schedule(due, () -> persisting(() -> {
      inst.timer = null;
      if (inst.waiting != null && inst.live()) {
        inst.waiting = null;
        inst.waitingUntil = null;
        changed(inst);
        interpreter.run(inst, null, new Interpreter.Run());
        inst.updated = clock().instant();
      }
      return Future.succeededFuture();
    }));
  }

  void cancelWait(Instance inst) {
    if (inst.timer != null) {
      inst.timer.cancel();
      inst.timer = null;
    }
    inst.waiting = null;
    inst.waitingUntil = null;
  }

  void retire(Instance inst) {
    changed(inst);
    live.remove(liveKey(inst.scenario, inst.actingMpid, inst.key));
    liveNow = live.size();
    // kept a while for the operator's view, then forgotten (a live instance is never evicted)
    ended.addLast(inst);
    while (ended.size() > RECENT) {
      byId.remove(ended.removeFirst().id);
    }
    inst.updated = clock().instant();
    if (inst.status == Instance.Status.failed) {
      LOG.warn("scenario {} instance {} failed: {}", inst.scenario.name(), inst.id, inst.error);
    }
  }

  EvalContext context(Instance inst, Inbound current) {
    Party self = parties.get().party(inst.actingMpid).orElseThrow();
    return context(inst, current, self);
  }

  private EvalContext context(Instance inst, Inbound current, Party self) {
    return new ScriptContext(inst, current, self, pack.values(), functions);
  }

  Clock clock() {
    return timers.clock();
  }

  WorkingCalendar calendar() {
    return pack.calendar();
  }

  Catalogue catalogue() {
    return catalogue;
  }

  PartyRegistry parties() {
    return parties.get();
  }

  RegistrationStore registrations() {
    return registrations;
  }

  // ---- helpers ----

  private static boolean plays(Scenario s, Party p) {
    return s.actsAs().stream().anyMatch(a -> a.equals(p.mpid()) || p.hasRole(a));
  }

  /** The role a party plays in a scenario: the first of actsAs it holds, else its first role. */
  private static String role(Scenario s, Party p) {
    return s.actsAs().stream().filter(p::hasRole).findFirst().orElse(p.roles().get(0));
  }

  /**
   * An instance is found by its scenario, the party acting in it and its key: two simulated
   * parties in one flow (a gaining and a losing supplier) share its correlationId.
   */
  private static String liveKey(Scenario s, String mpid, Object key) {
    return s.name() + '\u0000' + mpid + '\u0000' + key;
  }

  // ---- durability ----

  /**
   * Runs {@code work} on the owner as one unit of the store: the instances it changed are
   * written at its end, together with everything it sent and the inbox entries it handled.
   */
  private <T> T persisting(Supplier<T> work) {
    return state.unit(() -> {
      try {
        return work.get();
      } finally {
        save();
      }
    });
  }

  private void changed(Instance inst) {
    if (state.durable()) {
      dirty.add(inst);
    }
  }

  private void handled(long inboxId) {
    if (inboxId > 0) {
      state.inboxDone(inboxId);
    }
  }

  private void save() {
    for (Instance inst : dirty) {
      if (inst.live()) {
        state.saveInstance(inst.id, InstanceState.of(inst, index(inst.scenario)));
        inst.stored = true;
      } else if (inst.stored) {
        state.forgetInstance(inst.id);   // one that started and ended in one step was never written
        inst.stored = false;
      }
    }
    dirty.clear();
  }

  private StepIndex index(Scenario s) {
    return indexes.computeIfAbsent(s, StepIndex::new);
  }

  /**
   * After a restart, before any message is taken: the live instances come back with their
   * timers (a wait that fell due while the simulator was down fires at once, in deadline
   * order), then the inbox is handled in the order it was written: messages accepted, or
   * handed over between simulated parties, whose scripts had not run or not been committed.
   */
  public Future<Recovered> recover() {
    if (!state.durable()) {
      return Future.succeededFuture(new Recovered(0, 0, 0));
    }
    return state.instances().compose(saved -> onOwner(() -> restore(saved)))
        .compose(restored -> state.inboxPending().compose(inbox -> replay(inbox, 0, 0)
            .map(replayed -> new Recovered(restored, replayed, inbox.size() - replayed))));
  }

  /** What came back: instances restored, inbox entries handled again, and those that could not be. */
  public record Recovered(int instances, int replayed, int unreadable) {}

  private int restore(List<io.vertx.core.json.JsonObject> saved) {
    List<Instance> back = new ArrayList<>();
    for (io.vertx.core.json.JsonObject j : saved) {
      Scenario s = pack.scenario(j.getString("scenario")).orElse(null);
      try {
        if (s == null) {
          throw new IllegalStateException("scenario " + j.getString("scenario") + " is not in the pack any more");
        }
        back.add(InstanceState.restore(j, s, index(s)));
      } catch (RuntimeException e) {
        LOG.warn("instance {} cannot resume and is dropped: {}", j.getString("id"), e.getMessage());
        state.forgetInstance(j.getString("id"));
      }
    }
    // deadline order, so waits that fell due while down fire in the order they fell due
    back.sort(java.util.Comparator.comparing((Instance i) -> i.waitingUntil == null ? Instant.MAX : i.waitingUntil)
        .thenComparing(i -> i.started));
    for (Instance inst : back) {
      inst.stored = true;
      live.put(liveKey(inst.scenario, inst.actingMpid, inst.key), inst);
      byId.put(inst.id, inst);
      if (inst.waitingUntil != null) {
        scheduleWake(inst, inst.waitingUntil);
      }
    }
    liveNow = live.size();
    return back.size();
  }

  private Future<Integer> replay(List<StateStore.Stored> inbox, int i, int done) {
    if (i >= inbox.size()) {
      return Future.succeededFuture(done);
    }
    StateStore.Stored entry = inbox.get(i);
    Future<?> handled;
    try {
      if ("handOver".equals(entry.message().getString("kind"))) {
        OutboundMessage m = OutboundMessage.fromJson(entry.message());
        handled = onOwner(() -> {
          handOver(m, entry.id());
          return null;
        }).compose(x -> timers.settle());
      } else {
        handled = accepted(AcceptedMessage.fromJson(entry.message(), entry.id(), catalogue));
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.error("inbox entry {} cannot be handled again and stays in the store: {}", entry.id(), e.getMessage());
      return replay(inbox, i + 1, done);
    }
    return handled.transform(ar -> replay(inbox, i + 1, done + 1));
  }

  private <T> Future<T> onOwner(Callable<T> work) {
    Promise<T> p = Promise.promise();
    timers.owner().runOnContext(v -> {
      try {
        p.complete(work.call());
      } catch (Exception e) {
        p.fail(e);
      }
    });
    return p.future();
  }
}
