package org.csssim.internal.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.catalogue.MessageType;
import org.csssim.internal.clock.TimerService;
import org.csssim.internal.clock.WorkingCalendar;
import org.csssim.internal.error.Problem;
import org.csssim.internal.id.Ids;
import org.csssim.internal.json.Json;
import org.csssim.internal.message.Message;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.routing.Destination;
import org.csssim.internal.routing.Outlet;
import org.csssim.internal.routing.Reply;
import org.csssim.internal.routing.Routed;
import org.csssim.internal.scenario.expr.EvalContext;
import org.csssim.internal.scenario.expr.Functions;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.unit.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays every simulated party: the router's destination for their messages. A message goes to
 * the live instance that accepts it (found by key), or starts the first scenario it triggers;
 * what the scripts send goes out through the {@link Outlet}.
 *
 * <p>Every instance lives on the timer service's context, one owner for all, so instance state
 * and the timers that wake it need no locks, and clock jumps fire waits in global time order.
 * Each turn on that context (a message handled, a wait woken, a run started) is one unit of
 * work: the instances it changed, what it sent and the inbox entry it handled commit together.
 */
public final class ScenarioEngine implements Destination {
  private static final Logger LOG = LoggerFactory.getLogger(ScenarioEngine.class);
  static final int RECENT = EndedLog.RECENT;
  /**
   * Hand-overs between simulated parties run after the step that sent them, so a burst of
   * messages can queue them faster than they run. Past this many waiting, an acknowledgement
   * waits until half of them have run: the sender slows down instead of the heap filling up.
   */
  static final int HAND_OVER_HIGH_WATER = 10_000;

  private final TimerService timers;
  private final Catalogue catalogue;
  private final Supplier<PartyRegistry> parties;
  private final Registrations registrations;
  private final Outlet outlet;
  private final Units units;
  private final InboxStore inbox;
  private final PackSource source;
  private final StepEffects effects = new StepEffects();
  private final Interpreter interpreter = new Interpreter(effects);
  private final Instances instances = new Instances();
  private final InstanceStore saved;
  private final Dormancy dormancy;
  private final Checkpoints checkpoints;
  private final TimerTriggers triggers;
  private volatile ScenarioPack pack;
  private volatile Functions functions;
  /** Written on the owner context only. */
  private volatile int handOversWaiting;
  /** Acknowledgements held back until the hand-overs fall to half the high-water mark; owner context only. */
  private final List<Promise<Void>> handOverWaiters = new ArrayList<>();
  private final AtomicLong unhandled = new AtomicLong();
  /** The last turn of a message that waited for instances to be read back from the store; owner context only. */
  private Future<?> readsTail = Future.succeededFuture();
  /** Messages waiting so, whose turns have not run: while there are any, every message waits its turn behind them. */
  private int reading;

  public ScenarioEngine(TimerService timers, Catalogue catalogue, Supplier<PartyRegistry> parties,
                        Registrations registrations, Outlet outlet, Units units, InboxStore inbox, InstanceStore instances,
                        PackSource source, ScenarioPack pack, java.time.Duration dormantAfter) {
    this.timers = timers;
    this.catalogue = catalogue;
    this.parties = parties;
    this.registrations = registrations;
    this.outlet = outlet;
    this.units = units;
    this.inbox = inbox;
    this.source = source;
    this.saved = instances;
    this.dormancy = new Dormancy(instances, timers, dormantAfter, this.instances);
    this.checkpoints = new Checkpoints(instances, dormancy);
    dormancy.host(new Dormancy.Host() {
      @Override
      public void bringBack(List<JsonObject> rows) {
        turn(t -> {
          ScenarioEngine.this.bringBack(rows, t);
          return null;
        });
      }

      @Override
      public void keep(Instance inst) {
        timerFor(inst);
      }
    });
    this.triggers = new TimerTriggers(timers);
    use(pack);
  }

  /** Swaps in a pack; instances already running keep the scenario they started with. */
  public void use(ScenarioPack next) {
    this.functions = Functions.standard(timers.clock(), next.calendar()).with(source.engineFunctions());
    this.pack = next;
    timers.owner().runOnContext(v -> triggers.schedule(next, this::fireTimer));
  }

  /** Loads the pack again (off the event loop) and swaps it in; a bad one fails and the last good one runs on. */
  public Future<ScenarioPack> reload(Vertx vertx) {
    return vertx.executeBlocking(source::load).onSuccess(this::use);
  }

  public ScenarioPack pack() {
    return pack;
  }

  /** Live instances: in heap and dormant in the store. */
  public int liveNow() {
    return instances.liveNow() + dormancy.count();
  }

  /** Live instances left dormant in the store. */
  public int dormantNow() {
    return dormancy.count();
  }

  /** Messages for simulated parties that no scenario took (journaled, otherwise ignored). */
  public long unhandled() {
    return unhandled.get();
  }

  // ---- messages in ----

  /**
   * A message for a simulated party, kept in the inbox with {@code unit} until its script has
   * handled it. One from outside runs once the unit is committed (so nothing a script does
   * rests on an acknowledgement that was never given), and the sender waits for it; one a
   * script sent runs after the step that sent it.
   */
  @Override
  public Future<Optional<Reply>> take(Routed m, Unit unit) {
    if (m.eventId() == null) {
      // an enquiry (it has no eventId) is answered, not kept: a sender with no answer asks again
      return receivedFromOutside(m, 0);
    }
    long id = inbox.put(m::toJson, unit);
    if (!m.fromOutside()) {
      handOver(m, id);
      return NO_REPLY;
    }
    return unit.committed().compose(x -> receivedFromOutside(m, id));
  }

  private Future<Optional<Reply>> receivedFromOutside(Routed m, long inboxId) {
    return onOwner(() -> {
      Inbound in = inbound(m);
      MessageKeys keys = keys(in);
      return turnFor(in, keys, t -> {
        receive(in, keys, t);
        if (inboxId > 0) {
          inbox.done(inboxId, t.unit);
        }
        return t;
      }).compose(turn -> {
        if (handOversWaiting <= HAND_OVER_HIGH_WATER) {
          return Future.succeededFuture(turn);
        }
        Promise<Void> drained = Promise.promise();
        handOverWaiters.add(drained);
        return drained.future().map(turn);
      });
    }).compose(answered -> answered).map(ScenarioEngine::reply);
  }

  /**
   * Runs {@code work} for message {@code in} as a turn, on the owner: at once, unless an
   * instance the message may be for is dormant, or an earlier message waits so. Then the turn
   * runs once those instances are read back from the store (and takes them back), after the
   * turns of every message that waited before it, so each instance sees its messages in order.
   * If the store cannot be read the message is not handled: its inbox entry stays, to be
   * handled again at the next start.
   */
  private <T> Future<T> turnFor(Inbound in, MessageKeys keys, Function<Turn, T> work) {
    Future<List<JsonObject>> rows = dormancy.count() > 0 && keys != null ? dormancy.rowsFor(dormantKeys(keys)) : null;
    if (rows == null && reading == 0) {
      return Future.succeededFuture(turn(work));
    }
    reading++;
    Future<List<JsonObject>> read = rows == null ? Future.succeededFuture(List.of()) : rows;
    Promise<T> done = Promise.promise();
    Future<?> before = readsTail;
    readsTail = done.future();
    before.transform(x -> read).onComplete(r -> timers.owner().runOnContext(v -> {
      reading--;
      if (r.failed()) {
        LOG.error("{} {} not handled: dormant instances could not be read: {}", in.eventType(), in.message().eventId(),
            r.cause().toString());
        done.fail(r.cause());
        return;
      }
      try {
        done.complete(turn(t -> {
          bringBack(r.result(), t);
          return work.apply(t);
        }));
      } catch (RuntimeException e) {
        done.fail(e);
      }
    }));
    return done.future();
  }

  /** The keys of the simulated party {@code in} is for, not yet evaluated; null if it is for no such party. */
  private MessageKeys keys(Inbound in) {
    Party to = parties.get().party(in.recipientMpid()).orElse(null);
    if (to == null || to.physical()) {
      return null;
    }
    return new MessageKeys(in.eventType(), to, new ScriptContext(null, in, to, pack.values(), functions));
  }

  /** The live keys a message may be for (as {@link #receive} finds them) that no instance in heap has, as hashes. */
  private List<Long> dormantKeys(MessageKeys message) {
    Party to = message.party();
    String eventType = message.eventType();
    List<Long> keys = new ArrayList<>();
    for (Scenario s : pack.scenarios()) {
      if (!plays(s, to)) {
        continue;
      }
      try {
        var accepts = s.accepts().get(eventType);
        if (accepts != null) {
          notInHeap(keys, s, to, message.of(accepts));
        }
        if (s.trigger().on(eventType)) {
          notInHeap(keys, s, to, message.of(s.key()));   // a live instance of its key stops a second start
        }
      } catch (RuntimeException e) {
        // receive meets the same expression and says what is wrong with it
      }
    }
    return keys;
  }

  private void notInHeap(List<Long> keys, Scenario s, Party to, Object key) {
    if (instances.live(s, to.mpid(), key) == null) {
      keys.add(Instances.hash(s, to.mpid(), key));
    }
  }

  /**
   * In a turn: the dormant instances {@code rows} hold come back into heap, armed again; a row
   * that is no longer a dormant instance as it left (it came back meanwhile) is skipped, one
   * whose scenario changed so it cannot resume is dropped, and one whose party has become
   * physical ends, as it would have had it been in heap.
   */
  private void bringBack(List<JsonObject> rows, Turn turn) {
    for (JsonObject row : rows) {
      if (!dormancy.takeBack(row)) {
        continue;
      }
      Instance inst = checkpoints.read(row, pack);
      if (inst == null) {
        saved.forget(row.getString("id"), turn.unit);
        continue;
      }
      instances.add(inst);
      if (parties.get().party(inst.actingMpid).map(Party::physical).orElse(true)) {
        interpreter.finish(inst, "SwappedToPhysical");
      } else {
        arm(inst);
      }
    }
  }

  /** A waiting instance back in heap: its timer set, or left dormant again. */
  private void arm(Instance inst) {
    if (inst.status == Instance.Status.waiting) {
      effects.waits(inst);
    }
  }

  private void timerFor(Instance inst) {
    if (inst.waitingUntil != null) {
      inst.timer = timers.schedule(inst.waitingUntil, () -> {
        inst.timer = null;
        if (inst.waiting != null && inst.live()) {
          turn(t -> {
            inst.waiting = null;
            inst.waitingUntil = null;
            checkpoints.changed(inst);
            interpreter.run(inst, null, t);
            inst.updated = clock().instant();
            return null;
          });
        }
        return Future.succeededFuture();
      });
    }
  }

  /** Hand-overs between simulated parties queued and not yet run. */
  int handOversWaiting() {
    return handOversWaiting;
  }

  private static Optional<Reply> reply(Turn turn) {
    if (turn.replyStatus == null) {
      return Optional.empty();
    }
    return Optional.of(new Reply(turn.replyStatus, "application/json", Json.bytes(turn.replyBody)));
  }

  /**
   * As a timer due now: it runs after the step that sent it, in order with every wait that
   * falls due, and a clock jump completes only once the chains it set off have run. It is read
   * into maps only when it runs, so a backlog of hand-overs holds just their bytes.
   */
  private void handOver(Routed m, long inboxId) {
    Runnable deliver = () -> {
      handOversWaiting++;
      timers.schedule(clock().instant(), () -> {
        handOversWaiting--;
        if (!handOverWaiters.isEmpty() && handOversWaiting <= HAND_OVER_HIGH_WATER / 2) {
          List<Promise<Void>> release = new ArrayList<>(handOverWaiters);
          handOverWaiters.clear();
          release.forEach(Promise::complete);
        }
        Inbound in = inbound(m);
        MessageKeys keys = keys(in);
        return turnFor(in, keys, t -> {
          if (parties.get().party(m.recipientMpid()).map(Party::physical).orElse(false)) {
            outlet.send(m, t.unit);   // the party turned physical while this was on its way: its system gets it
          } else {
            receive(in, keys, t);
          }
          inbox.done(inboxId, t.unit);
          return null;
        });
      });
    };
    if (Vertx.currentContext() == timers.owner()) {
      deliver.run();
    } else {
      timers.owner().runOnContext(v -> deliver.run());
    }
  }

  /** From outside only a request to the catalogue's receiver (CSS) is answered by a script; a webhook's answer is its acknowledgement. */
  private Inbound inbound(Routed m) {
    boolean synchronous = m.fromOutside() && parties.get().party(m.recipientMpid())
        .map(p -> p.hasRole(catalogue.receiver())).orElse(false);
    return new Inbound(m.eventType(), m.message(), m.senderMpid(), m.recipientMpid(), m.ackIds(), synchronous);
  }

  /** On the owner: to the instance that accepts it, else the first scenario it triggers. */
  private void receive(Inbound in, MessageKeys evaluated, Turn turn) {
    Party to = parties.get().party(in.recipientMpid()).orElse(null);
    if (to == null || to.physical()) {
      return;
    }
    // keys evaluated before the turn hold unless the party changed meanwhile
    MessageKeys keys = evaluated != null && evaluated.party() == to ? evaluated : keys(in);
    List<Scenario> mine = pack.scenarios().stream().filter(s -> plays(s, to)).toList();
    EvalContext outside = keys.context();
    for (Scenario s : mine) {
      var accepts = s.accepts().get(in.eventType());
      if (accepts != null) {
        Instance inst = instances.live(s, to.mpid(), keys.of(accepts));
        if (inst != null) {
          deliver(inst, in, turn);
          return;
        }
      }
    }
    for (Scenario s : mine) {
      if (s.trigger().on(in.eventType()) && (s.trigger().when() == null || s.trigger().when().test(outside))) {
        start(s, to, in, keys.of(s.key()), Map.of(), turn);
        return;
      }
    }
    unhandled.incrementAndGet();
    LOG.debug("no scenario of {} takes {} {}", to.mpid(), in.eventType(), in.message().eventId());
  }

  private void deliver(Instance inst, Inbound in, Turn turn) {
    List<Step> handler = inst.waiting != null ? inst.waiting.on().get(in.eventType()) : null;
    if (handler == null) {
      handler = inst.scenario.on().get(in.eventType());
    }
    if (handler == null) {
      LOG.debug("instance {} of {} does not take {} now", inst.id, inst.scenario.name(), in.eventType());
      return;
    }
    interpreter.handle(inst, handler, in, turn);
    inst.updated = clock().instant();
    checkpoints.changed(inst);
  }

  private void start(Scenario s, Party as, Inbound in, Object key, Map<String, Object> params, Turn turn) {
    String k = String.valueOf(key);
    if (instances.live(s, as.mpid(), k) != null) {
      LOG.warn("scenario {} already has a live instance with key {}; {} not started", s.name(), k, in.eventType());
      return;
    }
    Object corr = in.message().correlationId();
    Instance inst = new Instance(Ids.next(), s, k, as.mpid(), role(s, as), in.message().bytes(),
        in.ack(), params, corr instanceof String c ? c : Ids.next(), clock().instant());
    instances.add(inst);
    inst.stack.push(new Instance.Frame(s.steps()));
    checkpoints.changed(inst);
    interpreter.run(inst, in, turn);
  }

  /** A timer-triggered scenario is due: one instance for each simulated party it plays; false once it left the pack. */
  private boolean fireTimer(Scenario s, Instant due) {
    if (pack.scenario(s.name()).orElse(null) != s) {
      return false;
    }
    turn(t -> {
      for (Party p : parties.get().parties()) {
        if (!p.physical() && plays(s, p)) {
          Inbound tick = Inbound.start(Map.of("firedAt", due.toString(), "correlationId", Ids.next()),
              p.mpid());
          start(s, p, tick, Ids.next(), Map.of(), t);
        }
      }
      return null;
    });
    return true;
  }

  /** A party became physical: its live instances end, so its scripts never act beside its real system. */
  public void retireParty(String mpid) {
    // those in heap first, in order with what the owner does next (a clock jump, say); then the dormant,
    // each of which would also end if it came back meanwhile, since its party is physical
    onOwner(() -> turn(t -> {
      instances.actingAs(mpid).forEach(inst -> interpreter.finish(inst, "SwappedToPhysical"));
      return null;
    }));
    if (dormancy.on()) {
      saved.dormantOf(mpid).onComplete(rows -> onOwner(() -> turn(t -> {
        if (rows.failed()) {
          LOG.error("{}'s dormant instances could not be read; each ends as it comes back: {}", mpid, rows.cause().toString());
        } else {
          bringBack(rows.result(), t);
        }
        return null;
      })));
    }
  }

  // ---- operator runs ----

  /** A started run, or why it could not start. */
  public record Started(String id, String error) {}

  /** Starts an operator-triggered scenario as {@code asMpid}; completes once what it does at once is done. */
  public Future<Started> startRun(String scenario, String asMpid, Map<String, Object> params) {
    return onOwner(() -> turn(t -> startNow(scenario, asMpid, params, t))).compose(started -> timers.settle().map(started));
  }

  private Started startNow(String scenario, String asMpid, Map<String, Object> params, Turn turn) {
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
    String correlationId = Ids.next();
    start(s, as, Inbound.start(Map.of("correlationId", correlationId), asMpid), correlationId, values, turn);
    Instance inst = instances.live(s, as.mpid(), correlationId);
    return new Started(inst != null ? inst.id : instances.recentlyEnded(correlationId).map(View::id).orElse(null), null);
  }

  /** What an operator sees of an instance. */
  public record View(String id, String scenario, String key, String actsAs, String status, String outcome, String error,
                     String correlationId, Instant started, Instant updated, Instant waitingUntil, Map<String, Object> vars) {

    /** As the admin API shows it; its variables are encoded only when the object is (and may fail there). */
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("scenario", scenario).put("key", key).put("as", actsAs)
          .put("status", status).put("outcome", outcome).put("error", error)
          .put("correlationId", correlationId).put("started", text(started)).put("updated", text(updated))
          .put("waitingUntil", text(waitingUntil)).put("vars", new JsonObject(vars));
    }

    /** The view {@link #toJson} showed. */
    static View fromJson(JsonObject j) {
      return new View(j.getString("id"), j.getString("scenario"), j.getString("key"), j.getString("as"),
          j.getString("status"), j.getString("outcome"), j.getString("error"), j.getString("correlationId"),
          instant(j.getString("started")), instant(j.getString("updated")), instant(j.getString("waitingUntil")),
          j.getJsonObject("vars").getMap());
    }

    private static String text(Instant i) {
      return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
      return s == null ? null : Instant.parse(s);
    }
  }

  public Future<Optional<View>> instance(String id) {
    return onOwner(() -> known(id))
        .compose(inHeap -> inHeap.isPresent() || !dormancy.on() ? Future.succeededFuture(inHeap) : dormantView(id));
  }

  /** Instance {@code id} as the store keeps it, dormant; as the heap has it if it came back while the store was read. */
  private Future<Optional<View>> dormantView(String id) {
    return saved.state(id).compose(row -> onOwner(() -> {
      Optional<View> back = known(id);
      if (back.isPresent() || row == null) {
        return back;
      }
      return Optional.ofNullable(checkpoints.read(row, pack)).map(ScenarioEngine::view);
    }));
  }

  /** Instance {@code id} as the heap knows it: live in heap, or recently ended. */
  private Optional<View> known(String id) {
    return instances.byId(id).map(ScenarioEngine::view).or(() -> instances.ended(id));
  }

  /** Whether instance {@code id} is in heap (not dormant, nor forgotten). */
  Future<Boolean> inHeap(String id) {
    return onOwner(() -> instances.knows(id));
  }

  /**
   * At one moment, read on the owner where every change is made: the live instances in heap,
   * the dormant ones, and all the heap remembers (its live ones and the recently ended).
   * {@link #liveNow()}, read from any thread, adds two counts that an instance leaving the heap
   * changes one after the other.
   */
  record Held(int live, int dormant, int remembered) {}

  Future<Held> held() {
    return onOwner(() -> new Held(instances.liveNow(), dormancy.count(), instances.remembered()));
  }

  /** Live instances (those in heap, then the dormant, soonest waking first), then (with {@code withEnded}) the most recently ended, newest first. */
  public Future<List<View>> instances(int limit, boolean withEnded) {
    return onOwner(() -> instances.live(limit).stream().map(ScenarioEngine::view).toList()).compose(inHeap -> {
      int room = limit - inHeap.size();
      Future<List<JsonObject>> asleep = room > 0 && dormancy.count() > 0 ? saved.dormantSoonest(room) : Future.succeededFuture(List.of());
      return asleep.compose(rows -> onOwner(() -> {
        List<View> out = new ArrayList<>(inHeap);
        java.util.Set<String> listed = new java.util.HashSet<>();
        inHeap.forEach(v -> listed.add(v.id()));
        for (JsonObject row : rows) {
          // one that left the heap since it was listed, or came back since the read, is listed once
          String id = row.getString("id");
          Instance i = listed.contains(id) || instances.knows(id) ? null : checkpoints.read(row, pack);
          if (i != null) {
            out.add(view(i));
          }
        }
        if (withEnded) {
          out.addAll(instances.ended(limit - out.size()));
        }
        return out;
      }));
    });
  }

  static View view(Instance i) {
    return new View(i.id, i.scenario.name(), i.key, i.actingMpid, i.status.name(), i.outcome, i.error, i.correlationId,
        i.started, i.updated, i.waitingUntil, new LinkedHashMap<>(i.vars));
  }

  // ---- what the interpreter may do ----

  /** The engine as the interpreter sees it: only what a step may do beyond its own instance. */
  private final class StepEffects implements Effects {

    @Override
    public void send(Step.Send step, Message message, String recipient, Turn turn) {
      MessageType type = catalogue.type(step.type()).orElseThrow();
      checkedSend(type, new Routed(type.eventType(), message, message.senderMpid(), recipient, type.keysOf(message.tree()),
          type.ackIds(message.tree()), false, clock().instant()), turn);
    }

    @Override
    public void forward(Message message, String sender, String recipient, Turn turn) {
      MessageType type = catalogue.type(message.eventType()).orElseThrow(() -> new Interpreter.StepFailure(
          "forward: " + message.eventType() + " is not in the catalogue"));
      checkedSend(type, new Routed(type.eventType(), message, sender, recipient, type.keysOf(message.tree()), Map.of(),
          false, clock().instant()), turn);
    }

    /** Sends {@code m} once its type's schema takes it; a refused one is journaled and fails the instance. */
    private void checkedSend(MessageType type, Routed m, Turn turn) {
      List<Problem> violations = new ArrayList<>();
      type.schema().validate(m.message().tree())
          .forEach(v -> violations.add(new Problem("SCHEMA_" + v.keyword(), v.message(), v.pointer())));
      if (!violations.isEmpty()) {
        outlet.refused(m, violations);
        throw new Interpreter.StepFailure(type.eventType() + " refused by its schema: " + violations.get(0).pointer() + " "
            + violations.get(0).message());
      }
      outlet.send(m, turn.unit);
    }

    @Override
    public List<String> addressees(Message message) {
      MessageType type = catalogue.type(message.eventType()).orElseThrow(() -> new Interpreter.StepFailure(
          "forward: " + message.eventType() + " is not in the catalogue"));
      java.util.Set<String> out = new java.util.LinkedHashSet<>();
      for (String pointer : type.spec().addressedTo()) {
        JsonNode at = message.tree().at(pointer);
        for (JsonNode n : at.isArray() ? at : List.of(at)) {
          if (n.isTextual()) {
            if (parties.get().party(n.asText()).isEmpty()) {
              throw new Interpreter.StepFailure("forward: " + type.eventType() + " is addressed (at " + pointer + ") to "
                  + n.asText() + ", which is no party of this instance");
            }
            out.add(n.asText());
          }
        }
      }
      for (String role : type.spec().recipients()) {
        parties.get().parties().stream().filter(p -> p.hasRole(role)).forEach(p -> out.add(p.mpid()));
      }
      return List.copyOf(out);
    }

    /** Its timer, or, for a wait that ends beyond the horizon (or only with a message), the store. */
    @Override
    public void waits(Instance inst) {
      dormancy.unsettle(inst);
      if (dormancy.leaves(inst)) {
        dormancy.settle(inst);
        checkpoints.changed(inst);
      } else {
        timerFor(inst);
      }
    }

    @Override
    public void cancelWake(Instance inst) {
      dormancy.unsettle(inst);
      if (inst.timer != null) {
        inst.timer.cancel();
        inst.timer = null;
      }
      inst.waiting = null;
      inst.waitingUntil = null;
    }

    @Override
    public void ended(Instance inst) {
      checkpoints.changed(inst);
      inst.updated = clock().instant();
      instances.retire(inst);
      if (inst.status == Instance.Status.failed) {
        LOG.warn("scenario {} instance {} failed: {}", inst.scenario.name(), inst.id, inst.error);
      }
    }

    @Override
    public EvalContext context(Instance inst, Inbound current) {
      return new ScriptContext(inst, current, parties.get().party(inst.actingMpid).orElseThrow(), pack.values(), functions);
    }

    @Override
    public Clock clock() {
      return timers.clock();
    }

    @Override
    public WorkingCalendar calendar() {
      return pack.calendar();
    }

    @Override
    public String envelopeVersion() {
      return catalogue.envelopeVersion();
    }

    @Override
    public Map<String, Object> envelopeMembers() {
      return pack.envelope();
    }

    @Override
    public org.csssim.internal.message.EnvelopeLayout layout() {
      return catalogue.layout();
    }

    @Override
    public List<String> recipients(String name) {
      if (parties.get().party(name).isPresent()) {
        return List.of(name);
      }
      return parties.get().parties().stream().filter(p -> p.hasRole(name)).map(Party::mpid).toList();
    }

    @Override
    public Registrations registrations() {
      return registrations;
    }
  }

  // ---- helpers ----

  private Clock clock() {
    return timers.clock();
  }

  private static boolean plays(Scenario s, Party p) {
    // asked of every scenario in the pack, twice for each message: a loop, where a stream was 2% of the intake's allocation (JFR)
    for (String a : s.actsAs()) {
      if (a.equals(p.mpid()) || p.hasRole(a)) {
        return true;
      }
    }
    return false;
  }

  /** The role a party plays in a scenario: the first of actsAs it holds, else its first role. */
  private static String role(Scenario s, Party p) {
    return s.actsAs().stream().filter(p::hasRole).findFirst().orElse(p.roles().get(0));
  }

  /** Runs {@code work} on the owner as one turn: what it changed is saved into the turn's unit, which is then committed. */
  private <T> T turn(Function<Turn, T> work) {
    Turn turn = new Turn(units.begin());
    try {
      return work.apply(turn);
    } finally {
      checkpoints.save(turn.unit);
      turn.unit.commit();
    }
  }

  // ---- recovery ----

  /**
   * After a restart, before any message is taken: the live instances held in heap come back
   * with their timers, with the dormant ones whose waits ended while the simulator was down (a
   * wait that fell due so fires at once, in deadline order, dormant or not), then the inbox is handled in the order it was written: messages accepted, or
   * handed over between simulated parties, whose scripts had not run or not been committed.
   */
  public Future<Recovered> recover() {
    return saved.resident().compose(resident -> dormancy.start().compose(overdue -> onOwner(() -> turn(t -> {
      List<JsonObject> all = new ArrayList<>(resident);
      overdue.stream().filter(dormancy::takeBack).forEach(all::add);
      return restore(all, t);
    })))).compose(restored -> inbox.pending().compose(pending -> replay(pending, 0, 0)
            .map(replayed -> new Recovered(restored, dormancy.count(), replayed, pending.size() - replayed))));
  }

  /** What came back: instances restored into heap, those left dormant, inbox entries handled again, and those that could not be. */
  public record Recovered(int instances, int dormant, int replayed, int unreadable) {}

  private int restore(List<JsonObject> all, Turn turn) {
    List<Instance> back = checkpoints.restore(all, pack, turn.unit);
    for (Instance inst : back) {
      instances.add(inst);
      arm(inst);
    }
    return back.size();
  }

  private Future<Integer> replay(List<InboxStore.Stored> pending, int i, int done) {
    if (i >= pending.size()) {
      return Future.succeededFuture(done);
    }
    InboxStore.Stored entry = pending.get(i);
    Future<?> handled;
    try {
      Routed m = stored(entry.entry());
      if (m.fromOutside()) {
        handled = receivedFromOutside(m, entry.id());
      } else {
        handled = onOwner(() -> {
          handOver(m, entry.id());
          return null;
        }).compose(x -> timers.settle());
      }
    } catch (RuntimeException e) {
      LOG.error("inbox entry {} cannot be handled again and stays in the store: {}", entry.id(), e.getMessage());
      return replay(pending, i + 1, done);
    }
    return handled.transform(ar -> replay(pending, i + 1, done + 1));
  }

  /**
   * An inbox entry as a message to route again. Entries written before messages were routed
   * (an accepted message with no recipient, meaning the catalogue's receiver; a hand-over with
   * no ackIds, which were made when it ran) are read as they were meant.
   */
  private Routed stored(io.vertx.core.json.JsonObject entry) {
    Routed m = Routed.fromJson(entry, catalogue.layout());
    String recipient = m.recipientMpid() != null ? m.recipientMpid()
        : parties.get().receiverOf(catalogue.receiver()).map(Party::mpid).orElse(null);
    Map<String, String> ack = entry.containsKey("ackIds") ? m.ackIds()
        : catalogue.type(m.eventType()).map(t -> t.ackIds(m.message().tree())).orElse(Map.of());
    return new Routed(m.eventType(), m.message(), m.senderMpid(), recipient, m.keys(), ack, m.fromOutside(), m.at());
  }

  private <T> Future<T> onOwner(Callable<T> work) {
    return timers.onOwner(work);
  }
}
