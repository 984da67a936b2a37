package org.csssim;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.csssim.admin.AdminToken;
import org.csssim.catalogue.Catalogue;
import org.csssim.clock.SimulatorClock;
import org.csssim.clock.TimerService;
import org.csssim.config.PartyConfig;
import org.csssim.config.SimulatorConfig;
import org.csssim.delivery.MessageSigner;
import org.csssim.delivery.OutboundClient;
import org.csssim.delivery.Subscription;
import org.csssim.delivery.Subscriptions;
import org.csssim.delivery.WebhookDelivery;
import org.csssim.http.HttpsVerticle;
import org.csssim.http.Services;
import org.csssim.journal.JournalStore;
import org.csssim.journal.LoggedJournal;
import org.csssim.journal.PublishedJournal;
import org.csssim.metrics.MeteredJournal;
import org.csssim.metrics.Metrics;
import org.csssim.party.Connections;
import org.csssim.party.Faults;
import org.csssim.party.PartyRegistry;
import org.csssim.pki.TestPki;
import org.csssim.registration.RegistrationStore;
import org.csssim.registration.Registrations;
import org.csssim.registration.TestDataAllocator;
import org.csssim.routing.Outlet;
import org.csssim.routing.Router;
import org.csssim.scenario.PackSource;
import org.csssim.scenario.ScenarioEngine;
import org.csssim.scenario.ScenarioPack;
import org.csssim.store.Store;
import org.csssim.unit.Unit;
import org.csssim.wire.Intake;
import org.csssim.yaml.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running simulator instance: builds everything from a configuration, serves HTTPS, and
 * stops cleanly. Tests and the benchmark embed it; {@link Main} runs it from the command line.
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Services services;
  private final TestPki.Outcome pkiOutcome;
  private final int port;
  private final List<String> listeners;

  private Simulator(Vertx vertx, boolean ownsVertx, Services services, TestPki.Outcome pkiOutcome, Listening listening) {
    this.listeners = listening.deployments();
    int port = listening.port();
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.services = services;
    this.pkiOutcome = pkiOutcome;
    this.port = port;
  }

  /** Starts on a Vert.x of its own, closed by {@link #stop()}. */
  public static Future<Simulator> start(SimulatorConfig config) {
    return start(config, SimulatorClock.system());
  }

  /** Starts on a Vert.x of its own with the given clock (an embedding test's, say), closed by {@link #stop()}. */
  public static Future<Simulator> start(SimulatorConfig config, SimulatorClock clock) {
    Metrics metrics = new Metrics();
    Vertx vertx = metrics.vertx();
    return start(vertx, true, config, clock, metrics).onFailure(e -> vertx.close());
  }

  static Future<Simulator> start(Vertx vertx, boolean ownsVertx, SimulatorConfig config, SimulatorClock clock,
                                 Metrics metrics) {
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    // The context that owns timers (and, with the scenario engine, every scenario instance).
    TimerService timers = new TimerService(vertx, vertx.getOrCreateContext(), clock);
    io.vertx.core.Context deliveryContext = vertx.getOrCreateContext();
    return Store.open(vertx, config.store(), config.journal().capacity(), config.intake().idempotencyCapacity(), dataDir)
        .compose(store -> Saved.load(store)
            .compose(saved -> vertx.executeBlocking(() ->
                prepare(vertx, config, dataDir, clock, timers, deliveryContext, metrics, store, saved)))
            .compose(prepared -> recover(prepared.services(), store).map(prepared))
            .compose(prepared -> deploy(vertx, config, prepared.services())
                .map(listening -> new Simulator(vertx, ownsVertx, prepared.services(), prepared.pki(), listening)))
            .onFailure(e -> store.close()));
  }

  private record Prepared(Services services, TestPki.Outcome pki) {}

  /** What a durable store held at start, read before anything is built from it. */
  private record Saved(Optional<SimulatorClock.Saved> clock, RegistrationStore.Saved registrations,
                       List<JsonObject> subscriptions, List<JsonObject> connections) {
    static Future<Saved> load(Store store) {
      return store.clock().load().compose(clock -> store.registrations().load()
          .compose(registrations -> store.subscriptions().all()
              .compose(subscriptions -> store.connections().all()
                  .map(connections -> new Saved(clock, registrations, subscriptions, connections)))));
    }
  }

  /**
   * After a restart on a durable store: the scenario instances and their timers, then the
   * inbox the scripts had not handled, then the outbox's undelivered messages; all before the
   * listener opens, so nothing new overtakes what was owed.
   */
  private static Future<Void> recover(Services services, Store store) {
    if (!store.durable()) {
      return Future.succeededFuture();
    }
    return services.engine().recover()
        .compose(r -> services.outbox().recover().map(outbox -> {
          LOG.info("store: {}; recovered {} scenario instances, {} inbox entries handled again ({} unreadable),"
              + " {} outbox messages", store.description(), r.instances(), r.replayed(), r.unreadable(), outbox);
          store.startRetention();
          return null;
        }));
  }

  /** File work (PKI, certificates, catalogue and schemas), done off the event loop. */
  private static Prepared prepare(Vertx vertx, SimulatorConfig config, Path dataDir, SimulatorClock clock,
                                  TimerService timers, io.vertx.core.Context deliveryContext, Metrics metrics,
                                  Store store, Saved saved)
      throws IOException {
    TestPki pki = new TestPki(dataDir);
    TestPki.Outcome outcome = pki.ensure(defaultPkiParties(config));
    PartyRegistry loaded = PartyRegistry.load(config.partyOptions(), dataDir);
    Catalogue catalogue = Catalogue.load(config.catalogueLocation());
    saved.clock().ifPresent(clock::restore);
    timers.pace(store.units()::room);
    timers.onChanged(() -> store.clock().save(clock.saved()));
    JournalStore journal = new PublishedJournal(new LoggedJournal(new MeteredJournal(store.journal(), metrics.registry()),
        "true".equalsIgnoreCase(System.getenv("CSSSIM_LOG_PAYLOADS"))), vertx.eventBus());
    // lease times follow the wall clock (a test phase's calendar), not the simulated one
    Connections connections = new Connections(loaded, vertx, journal, java.time.Clock.systemUTC(), store.connections());
    Supplier<PartyRegistry> parties = connections::registry;
    Faults faults = new Faults();
    config.parties().forEach(p -> faults.set(p.mpid(), p.faults()));
    Registrations registrations = new Registrations(store.registrations());
    registrations.load(saved.registrations());
    PackSource packs = PackSource.of(config.packLocation(), catalogue,
        config.partyOptions(), clock, registrations, parties);
    ScenarioPack pack = packs.load();
    Unit seeding = store.units().begin();
    pack.seed().into(registrations, seeding);
    seeding.commit();
    MessageSigner signer = new MessageSigner();
    OutboundClient outbound = new OutboundClient(vertx, config.outbound(), dataDir, config.delivery().concurrencyPerParty());
    Subscriptions subscriptions = new Subscriptions(store.subscriptions());
    config.parties().forEach(p -> p.webhooks().forEach(w -> subscriptions.add(new Subscription(UUID.randomUUID().toString(),
        p.mpid(), w.url(), Set.copyOf(w.eventTypes()), clock.instant(), Subscriptions.CONFIGURATION),
        Subscriptions.CONFIGURATION, "configured")));
    subscriptions.load(saved.subscriptions());
    WebhookDelivery delivery = new WebhookDelivery(vertx, deliveryContext, outbound, signer, parties, subscriptions,
        faults, catalogue, journal, config.delivery(), clock, store.outbox());
    Outlet outlet = new Outlet();
    ScenarioEngine engine = new ScenarioEngine(timers, catalogue, parties, registrations, outlet, store.units(),
        store.inbox(), store.instances(), packs, pack);
    Router router = new Router(parties, journal, clock, engine, delivery, outlet);
    connections.onBecamePhysical(engine::retireParty);
    connections.restore(saved.connections());
    metrics.gauge("csssim_scenario_instances_live", "Scenario instances running or waiting", engine::liveNow);
    for (PartyConfig p : config.parties()) {
      metrics.gauge("csssim_delivery_backlog", "Messages for a party not yet acknowledged by its system",
          () -> delivery.backlogNow(p.mpid()), "party", p.mpid());
      metrics.gauge("csssim_delivery_dead_letters", "Messages for a party whose every attempt failed",
          () -> delivery.deadNow(p.mpid()), "party", p.mpid());
    }
    Intake intake = new Intake(catalogue, parties, store.idempotency(), journal, store.units(), router,
        (int) Math.min(Integer.MAX_VALUE, config.journal().maxBodyChars().bytes()), faults::of, clock);
    AdminToken token = AdminToken.resolve(config.admin().token(), dataDir);
    return new Prepared(new Services(config, dataDir, pki, catalogue, parties, journal, store.idempotency(), intake, clock,
        timers, token, engine, registrations, new TestDataAllocator(registrations, store.units(), clock), delivery,
        subscriptions, router, store.units(), outbound, signer, connections, faults, metrics, version(), store), outcome);
  }

  /** Parties that use the default test PKI files get them created when missing; configured keys are the user's. */
  private static Map<String, String> defaultPkiParties(SimulatorConfig config) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PartyConfig p : config.parties()) {
      if (p.options().usesTestPki()) {
        out.put(p.mpid(), p.signing().algorithm());
      }
    }
    return out;
  }

  /**
   * One HTTPS server per event loop on one port. Vert.x shares a listening socket between
   * servers asking for the same host and port, so for port 0 ("any free port") with several
   * loops a free port is picked first and every server asks for it.
   */
  /** The port served and the HTTPS verticles serving it (undeployed first at stop). */
  private record Listening(int port, List<String> deployments) {}

  private static Future<Listening> deploy(Vertx vertx, SimulatorConfig config, Services services) {
    int loops = config.listener().eventLoops();
    int port = config.listener().port();
    if (port == 0 && loops > 1) {
      try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
          java.net.InetAddress.getByName(config.listener().host()))) {
        port = probe.getLocalPort();
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
    }
    HttpsVerticle first = new HttpsVerticle(services, port);
    return vertx.deployVerticle(first).compose(id -> {
      int actual = first.actualPort();
      if (loops <= 1) {
        return Future.succeededFuture(new Listening(actual, List.of(id)));
      }
      return vertx.deployVerticle(() -> new HttpsVerticle(services, actual), new DeploymentOptions().setInstances(loops - 1))
          .map(more -> new Listening(actual, List.of(id, more)));
    });
  }

  public static String version() {
    try (InputStream in = Simulator.class.getResourceAsStream("/org/csssim/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new ConfigException("cannot read the simulator's version", e);
    }
  }

  public int port() {
    return port;
  }

  public Services services() {
    return services;
  }

  public TestPki.Outcome pkiOutcome() {
    return pkiOutcome;
  }

  public OutboundClient outbound() {
    return services.outbound();
  }

  public MessageSigner signer() {
    return services.signer();
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Stops taking messages first (the listener closes), then the outbound client, then the
   * store, once everything queued is committed: a clean stop loses nothing and refuses nothing
   * it had half taken.
   */
  public Future<Void> stop() {
    Future<Void> listening = Future.succeededFuture();
    for (String id : listeners) {
      listening = listening.eventually(() -> vertx.undeploy(id));
    }
    Future<Void> closed = listening.eventually(() -> services.outbound().close())
        .eventually(() -> services.timers().settle())
        .eventually(() -> services.store().close());
    return ownsVertx ? closed.eventually(vertx::close) : closed;
  }
}
