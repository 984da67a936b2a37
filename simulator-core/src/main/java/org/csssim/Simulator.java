package org.csssim;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.csssim.admin.AdminToken;
import org.csssim.catalogue.Catalogue;
import org.csssim.clock.SimulatorClock;
import org.csssim.clock.TimerService;
import org.csssim.config.ConfigException;
import org.csssim.config.Location;
import org.csssim.config.PartyConfig;
import org.csssim.config.SimulatorConfig;
import org.csssim.delivery.MessageRouter;
import org.csssim.delivery.MessageSigner;
import org.csssim.delivery.Subscription;
import org.csssim.delivery.Subscriptions;
import org.csssim.delivery.WebhookDelivery;
import org.csssim.delivery.OutboundClient;
import org.csssim.journal.InMemoryJournal;
import org.csssim.journal.JournalStore;
import org.csssim.journal.LoggedJournal;
import org.csssim.journal.PublishedJournal;
import org.csssim.metrics.MeteredJournal;
import org.csssim.metrics.Metrics;
import org.csssim.party.Connections;
import org.csssim.party.Faults;
import org.csssim.party.PartyRegistry;
import org.csssim.pki.TestPki;
import org.csssim.registration.InMemoryRegistrationStore;
import org.csssim.registration.RegistrationStore;
import org.csssim.registration.TestDataAllocator;
import org.csssim.scenario.ScenarioEngine;
import org.csssim.scenario.ScenarioPack;
import org.csssim.server.HttpsVerticle;
import org.csssim.server.Services;
import org.csssim.wire.IdempotencyStore;
import org.csssim.wire.InMemoryIdempotencyStore;
import org.csssim.wire.Intake;

/**
 * One running simulator instance: builds everything from a configuration, serves HTTPS, and
 * stops cleanly. Tests and the benchmark embed it; {@link Main} runs it from the command line.
 */
public final class Simulator {
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Services services;
  private final TestPki.Outcome pkiOutcome;
  private final int port;

  private Simulator(Vertx vertx, boolean ownsVertx, Services services, TestPki.Outcome pkiOutcome, int port) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.services = services;
    this.pkiOutcome = pkiOutcome;
    this.port = port;
  }

  /** Starts on a Vert.x of its own, closed by {@link #stop()}. */
  public static Future<Simulator> start(SimulatorConfig config) {
    Metrics metrics = new Metrics();
    Vertx vertx = metrics.vertx();
    return start(vertx, true, config, SimulatorClock.system(), metrics)
        .onFailure(e -> vertx.close());
  }

  static Future<Simulator> start(Vertx vertx, boolean ownsVertx, SimulatorConfig config, SimulatorClock clock,
                                 Metrics metrics) {
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    // The context that owns timers (and, with the scenario engine, every scenario instance).
    TimerService timers = new TimerService(vertx, vertx.getOrCreateContext(), clock);
    io.vertx.core.Context deliveryContext = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> prepare(vertx, config, dataDir, clock, timers, deliveryContext, metrics))
        .compose(prepared -> deploy(vertx, config, prepared.services())
            .map(port -> new Simulator(vertx, ownsVertx, prepared.services(), prepared.pki(), port)));
  }

  private record Prepared(Services services, TestPki.Outcome pki) {}

  /** File work (PKI, certificates, catalogue and schemas), done off the event loop. */
  private static Prepared prepare(Vertx vertx, SimulatorConfig config, Path dataDir, SimulatorClock clock,
                                  TimerService timers, io.vertx.core.Context deliveryContext, Metrics metrics)
      throws IOException {
    TestPki pki = new TestPki(dataDir);
    TestPki.Outcome outcome = pki.ensure(defaultPkiParties(config));
    PartyRegistry loaded = PartyRegistry.load(config.parties(), dataDir);
    Catalogue catalogue = Catalogue.load(Location.of(config.catalogue(), Path.of("")));
    JournalStore journal = new PublishedJournal(new LoggedJournal(new MeteredJournal(
        new InMemoryJournal(config.journal().capacity()), metrics.registry()),
        "true".equalsIgnoreCase(System.getenv("CSSSIM_LOG_PAYLOADS"))), vertx.eventBus());
    // lease times follow the wall clock (a test phase's calendar), not the simulated one
    Connections connections = new Connections(loaded, vertx, journal, java.time.Clock.systemUTC());
    Supplier<PartyRegistry> parties = connections::registry;
    Faults faults = new Faults();
    config.parties().forEach(p -> faults.set(p.mpid(), p.faults()));
    IdempotencyStore idempotency = new InMemoryIdempotencyStore(config.intake().idempotencyCapacity());
    RegistrationStore registrations = new InMemoryRegistrationStore();
    ScenarioPack pack = loadPack(config, catalogue, parties, registrations, clock);
    pack.seed().into(registrations);
    MessageSigner signer = new MessageSigner();
    OutboundClient outbound = new OutboundClient(vertx, config.outbound(), dataDir, config.delivery().concurrencyPerParty());
    Subscriptions subscriptions = new Subscriptions();
    config.parties().forEach(p -> p.webhooks().forEach(w -> subscriptions.add(new Subscription(UUID.randomUUID().toString(),
        p.mpid(), w.url(), Set.copyOf(w.eventTypes()), clock.instant(), "configuration"), "configuration", "configured")));
    WebhookDelivery delivery = new WebhookDelivery(vertx, deliveryContext, outbound, signer, parties, subscriptions,
        faults, catalogue, journal, config.delivery(), clock);
    MessageRouter router = new MessageRouter(parties, delivery, journal, clock);
    ScenarioEngine engine = new ScenarioEngine(timers, catalogue, parties, registrations, router, pack);
    connections.onBecamePhysical(engine::retireParty);
    metrics.gauge("csssim_scenario_instances_live", "Scenario instances running or waiting", engine::liveNow);
    for (PartyConfig p : config.parties()) {
      metrics.gauge("csssim_delivery_backlog", "Messages for a party not yet acknowledged by its system",
          () -> delivery.backlogNow(p.mpid()), "party", p.mpid());
      metrics.gauge("csssim_delivery_dead_letters", "Messages for a party whose every attempt failed",
          () -> delivery.deadNow(p.mpid()), "party", p.mpid());
    }
    Intake intake = new Intake(catalogue, parties, idempotency, journal,
        (int) Math.min(Integer.MAX_VALUE, config.journal().maxBodyChars().bytes()), engine, faults::of, clock);
    AdminToken token = AdminToken.resolve(config.admin().token(), dataDir);
    return new Prepared(new Services(config, dataDir, pki, catalogue, parties, journal, idempotency, intake, clock,
        timers, token, engine, registrations, new TestDataAllocator(registrations, clock), delivery, subscriptions,
        router, outbound, signer, connections, faults, metrics, version()), outcome);
  }

  /** Loads the configured scenario pack, checked against this instance's catalogue and parties. */
  public static ScenarioPack loadPack(SimulatorConfig config, Catalogue catalogue, Supplier<PartyRegistry> parties,
                                      RegistrationStore registrations, java.time.Clock clock) {
    return ScenarioPack.load(Location.of(config.scenarios().pack(), Path.of("")), catalogue, partyNames(config), clock,
        ScenarioEngine.engineFunctions(registrations, parties));
  }

  /** What scripts may name as a party: every mpid and every role. */
  public static Set<String> partyNames(SimulatorConfig config) {
    Set<String> names = new java.util.TreeSet<>();
    config.parties().forEach(p -> {
      names.add(p.mpid());
      names.addAll(p.roles());
    });
    return names;
  }

  /** Parties that use the default test PKI files get them created when missing; configured keys are the user's. */
  private static Map<String, String> defaultPkiParties(SimulatorConfig config) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PartyConfig p : config.parties()) {
      if (p.keys().equals(java.util.List.of(PartyConfig.defaultCertificate(p.mpid())))) {
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
  private static Future<Integer> deploy(Vertx vertx, SimulatorConfig config, Services services) {
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
        return Future.succeededFuture(actual);
      }
      return vertx.deployVerticle(() -> new HttpsVerticle(services, actual), new DeploymentOptions().setInstances(loops - 1))
          .map(actual);
    });
  }

  static String version() {
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

  public Future<Void> stop() {
    Future<Void> closed = services.outbound().close();
    return ownsVertx ? closed.eventually(vertx::close) : closed;
  }
}
