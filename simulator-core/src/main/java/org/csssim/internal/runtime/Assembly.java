package org.csssim.internal.runtime;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.csssim.internal.admin.AdminApi;
import org.csssim.internal.admin.AdminToken;
import org.csssim.internal.admin.ClockRoutes;
import org.csssim.internal.admin.ConnectivityRoutes;
import org.csssim.internal.admin.DeliveryRoutes;
import org.csssim.internal.admin.EventRoutes;
import org.csssim.internal.admin.FaultRoutes;
import org.csssim.internal.admin.JournalRoutes;
import org.csssim.internal.admin.PartyRoutes;
import org.csssim.internal.admin.ReconciliationRoutes;
import org.csssim.internal.admin.ScenarioRoutes;
import org.csssim.internal.admin.StatsRoutes;
import org.csssim.internal.admin.TestDataRoutes;
import org.csssim.internal.admin.WebhookRoutes;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.clock.SimulatorClock;
import org.csssim.internal.clock.TimerService;
import org.csssim.internal.config.PartyConfig;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.delivery.OutboundClient;
import org.csssim.internal.delivery.Subscription;
import org.csssim.internal.delivery.Subscriptions;
import org.csssim.internal.delivery.WebhookDelivery;
import org.csssim.internal.http.ConnectionGuard;
import org.csssim.internal.http.IntakeRoutes;
import org.csssim.internal.http.OpsRoutes;
import org.csssim.internal.http.PageRoutes;
import org.csssim.internal.http.PkiRoutes;
import org.csssim.internal.http.Routes;
import org.csssim.internal.http.SecurityHeaders;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.journal.LoggedJournal;
import org.csssim.internal.journal.PublishedJournal;
import org.csssim.internal.metrics.LiveStats;
import org.csssim.internal.metrics.MeteredJournal;
import org.csssim.internal.metrics.Metrics;
import org.csssim.internal.party.Connections;
import org.csssim.internal.party.Faults;
import org.csssim.internal.party.Mode;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.pki.TestPki;
import org.csssim.internal.registration.RegistrationStore;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.registration.TestDataAllocator;
import org.csssim.internal.routing.Outlet;
import org.csssim.internal.routing.Router;
import org.csssim.internal.scenario.PackSource;
import org.csssim.internal.scenario.ScenarioEngine;
import org.csssim.internal.scenario.ScenarioPack;
import org.csssim.internal.store.Store;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.wire.Intake;

/**
 * The composition root: every component of one instance, made from its configuration in
 * dependency order, each given exactly what it uses. Nothing else holds this; it is read by
 * {@link Simulator} (to start, recover and stop) and by whoever embeds the simulator and looks
 * inside (tests, benchmarks, the start-up report).
 */
final class Assembly {
  final SimulatorConfig config;
  final Path dataDir;
  final SimulatorClock clock;
  final TimerService timers;
  final Metrics metrics;
  final Store store;
  final TestPki pki;
  final TestPki.Outcome pkiOutcome;
  final Catalogue catalogue;
  final JournalStore journal;
  final Connections connections;
  final Supplier<PartyRegistry> parties;
  final Faults faults;
  final Registrations registrations;
  final TestDataAllocator allocator;
  final ScenarioEngine engine;
  final MessageSigner signer;
  final OutboundClient outbound;
  final Subscriptions subscriptions;
  final WebhookDelivery delivery;
  final Router router;
  final Intake intake;
  final AdminToken adminToken;
  /** The connectivity tester's (it runs from the admin API, on this instance's Vert.x). */
  private final ConnectivityRoutes connectivity;
  /** The dashboard's charts: a sample a second, taken while the instance runs. */
  final LiveStats liveStats;
  final long liveStatsTimer;
  final ConnectionGuard connectionGuard;

  /**
   * What a durable store held at start, read (asynchronously) before anything is built from it;
   * the registration model (every meter point a run allocated: tens of thousands after a long
   * one) is read beside the catalogue's schemas compiling, and waited for only where it is needed.
   */
  record Saved(Optional<SimulatorClock.Saved> clock, java.util.concurrent.CompletableFuture<RegistrationStore.Saved> registrations,
               List<JsonObject> subscriptions, List<JsonObject> connections) {
    static io.vertx.core.Future<Saved> load(Store store) {
      var registrations = store.registrations().load().toCompletionStage().toCompletableFuture();
      return store.clock().load().compose(clock -> store.subscriptions().all()
          .compose(subscriptions -> store.connections().all()
              .map(connections -> new Saved(clock, registrations, subscriptions, connections))))
          .onFailure(e -> registrations.cancel(false));
    }
  }

  /** Builds the instance; reads files (PKI, certificates, catalogue, schemas, the pack), so it runs off the event loop. */
  Assembly(Vertx vertx, SimulatorConfig config, Path dataDir, SimulatorClock clock, Context timerContext,
           Context deliveryContext, Metrics metrics, Store store, Saved saved) throws IOException {
    this.config = config;
    this.dataDir = dataDir;
    this.clock = clock;
    this.metrics = metrics;
    this.store = store;
    // the context that owns timers, and with the scenario engine every scenario instance
    this.timers = new TimerService(vertx, timerContext, clock);
    this.pki = new TestPki(dataDir);
    this.pkiOutcome = pki.ensure(config.testPkiParties());
    for (PartyConfig p : config.parties()) {
      if (p.rotation() != null && p.rotation().usesTestPki(p.mpid()) && !Files.exists(dataDir.resolve(p.rotation().certificate()))) {
        pki.issue(p.mpid(), p.mpid() + "-next", p.signing().algorithm());   // the rehearsal's next key
      }
    }
    // the parties' keys and certificates are read while the catalogue's schemas compile: both
    // take a few hundred milliseconds of a start, and neither needs the other
    java.util.concurrent.CompletableFuture<PartyRegistry> partiesRead =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> PartyRegistry.load(config.partyOptions(), dataDir));
    this.catalogue = Catalogue.load(config.catalogueLocation());
    catalogue.checkParties(config.partyOptions());
    saved.clock().ifPresent(clock::restore);
    timers.pace(store.units()::room);
    timers.onChanged(() -> store.clock().save(clock.saved()));
    this.journal = new PublishedJournal(new LoggedJournal(new MeteredJournal(store.journal(), metrics.registry()),
        "true".equalsIgnoreCase(System.getenv("CSSSIM_LOG_PAYLOADS"))), vertx.eventBus());
    // lease times follow the wall clock (a test phase's calendar), not the simulated one
    this.connections = new Connections(joined(partiesRead), vertx, journal,
        java.time.Clock.systemUTC(), store.connections());
    this.parties = connections::registry;
    if (config.parties().stream().anyMatch(p -> p.rotation() != null)) {
      new KeyRotations(timers, connections).start();
    }
    this.faults = new Faults();
    config.parties().forEach(p -> faults.set(p.mpid(), p.faults()));
    this.registrations = new Registrations(store.registrations(), config.store().registrationsInHeap());
    registrations.load(joined(saved.registrations()));
    this.allocator = new TestDataAllocator(registrations, store.units(), clock);
    PackSource packs = PackSource.of(config.packLocation(), catalogue, config.partyOptions(), clock, registrations, parties);
    ScenarioPack pack = packs.load();
    Unit seeding = store.units().begin();
    pack.seed().into(registrations, seeding);
    seeding.commit();
    this.signer = new MessageSigner(catalogue.headerSignature().orElse(null));
    this.outbound = new OutboundClient(vertx, config.outbound(), dataDir, config.delivery().concurrencyPerParty());
    this.subscriptions = new Subscriptions(store.subscriptions());
    config.parties().forEach(p -> p.webhooks().forEach(w -> subscriptions.add(new Subscription(UUID.randomUUID().toString(),
        p.mpid(), w.url(), Set.copyOf(w.eventTypes()), clock.instant(), Subscriptions.CONFIGURATION),
        Subscriptions.CONFIGURATION, "configured")));
    subscriptions.load(saved.subscriptions());
    this.delivery = new WebhookDelivery(vertx, deliveryContext, outbound, signer, parties, subscriptions, faults, catalogue,
        journal, config.delivery(), clock, store.outbox());
    Outlet outlet = new Outlet();
    this.engine = new ScenarioEngine(timers, catalogue, parties, registrations, outlet, store.units(), store.inbox(),
        store.instances(), packs, pack, config.scenarios().dormantAfter());
    this.router = new Router(parties, journal, clock, engine, delivery, outlet);
    connections.onChange((before, after) -> {
      if (after.mode() == Mode.physical && before.mode() != Mode.physical) {
        engine.retireParty(after.mpid());
      }
      delivery.wake(after.mpid());
    });
    connections.restore(saved.connections());
    this.intake = new Intake(catalogue, parties, store.idempotency(), journal, store.units(), router,
        (int) Math.min(Integer.MAX_VALUE, config.journal().maxBodyChars().bytes()), faults::of, clock);
    this.adminToken = AdminToken.resolve(config.admin().token(), dataDir);
    this.connectivity = new ConnectivityRoutes(vertx, catalogue, parties, dataDir, adminToken, java.time.Clock.systemUTC());
    this.connectionGuard = new ConnectionGuard(config.listener().limits());
    gauges();
    this.liveStats = new LiveStats(metrics.registry());
    this.liveStatsTimer = vertx.setPeriodic(1000, id -> liveStats.sample(System.currentTimeMillis()));
  }

  private void gauges() {
    metrics.gauge("csssim_scenario_instances_live", "Scenario instances running or waiting", engine::liveNow);
    metrics.gauge("csssim_scenario_instances_dormant", "Waiting scenario instances kept in the store, out of the heap",
        engine::dormantNow);
    metrics.gauge("csssim_registrations_in_heap", "Registrations of the registration model held in heap",
        registrations::registrationsInHeap);
    metrics.gauge("csssim_registrations_out_of_heap", "Registrations kept in the store only, read from there when a script"
        + " asks for them", registrations::registrationsOutOfHeap);
    metrics.gauge("csssim_connections_open", "Client connections open on the listener", connectionGuard::open);
    metrics.counter("csssim_connections_closed", "Client connections the listener closed for its limits",
        connectionGuard, ConnectionGuard::refused, "reason", "max_connections");
    metrics.counter("csssim_connections_closed", "Client connections the listener closed for its limits",
        connectionGuard, ConnectionGuard::headerTimeouts, "reason", "header_timeout");
    metrics.counter("csssim_connections_closed", "Client connections the listener closed for its limits",
        connectionGuard, ConnectionGuard::bodyTimeouts, "reason", "body_timeout");
    for (PartyConfig p : config.parties()) {
      metrics.gauge("csssim_delivery_backlog", "Messages for a party not yet acknowledged by its system",
          () -> delivery.backlogNow(p.mpid()), "party", p.mpid());
      metrics.gauge("csssim_delivery_dead_letters", "Messages for a party whose every attempt failed",
          () -> delivery.deadNow(p.mpid()), "party", p.mpid());
    }
  }

  /** What {@code work} made, or what it threw as it threw it (a configuration error stays one). */
  private static <T> T joined(java.util.concurrent.CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** What the listener serves, in the order it is matched: operations, pages, the PKI, the admin API, the CSS API. */
  List<Routes> routes() {
    String by = adminToken.actor();
    AdminApi admin = new AdminApi(adminToken, List.of(
        new ClockRoutes(timers),
        new ScenarioRoutes(engine, journal, delivery),
        new TestDataRoutes(allocator, registrations),
        new WebhookRoutes(subscriptions, parties, catalogue, clock, by, config.delivery().refuseHttp()),
        new DeliveryRoutes(delivery, journal, router, store.units(), clock, catalogue.layout()),
        new PartyRoutes(parties, connections, faults, delivery, subscriptions, by, config.delivery().refuseHttp()),
        new FaultRoutes(parties, faults, journal, clock, by),
        new JournalRoutes(journal),
        new ReconciliationRoutes(journal, engine),
        connectivity,
        new StatsRoutes(liveStats),
        new EventRoutes()));
    IntakeRoutes messages = new IntakeRoutes(intake, config.listener().tls().clientAuth(), catalogue.routes(),
        config.listener().bodyLimit().bytes());
    return List.of(
        new SecurityHeaders(),
        messages.framingCheck(),
        new OpsRoutes(Health.checks(this), () -> Health.version(this)),
        new PageRoutes(metrics.registry()),
        new PkiRoutes(pki.caCertificate(), parties),
        admin,
        messages);
  }
}
