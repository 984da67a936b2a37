package org.csssim.internal.runtime;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.csssim.internal.admin.AdminToken;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.clock.SimulatorClock;
import org.csssim.internal.clock.TimerService;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.delivery.OutboundClient;
import org.csssim.internal.delivery.Subscriptions;
import org.csssim.internal.delivery.WebhookDelivery;
import org.csssim.internal.http.ConnectionGuard;
import org.csssim.internal.http.HttpsOptions;
import org.csssim.internal.http.HttpsVerticle;
import org.csssim.internal.http.NettyTlsProbe;
import org.csssim.internal.http.Routes;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.metrics.Metrics;
import org.csssim.internal.party.Connections;
import org.csssim.internal.party.Faults;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.pki.TestPki;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.registration.TestDataAllocator;
import org.csssim.internal.routing.Router;
import org.csssim.internal.scenario.ScenarioEngine;
import org.csssim.internal.store.Store;
import org.csssim.internal.unit.Units;
import org.csssim.internal.wire.Intake;
import org.csssim.internal.yaml.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running simulator instance: opens its store, builds its components ({@link Assembly}),
 * recovers what the store held, serves HTTPS, and stops cleanly. The public API
 * ({@code org.csssim.CssSimulator}), the command line and the tests start it.
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Assembly parts;
  private final Listening listening;

  private Simulator(Vertx vertx, boolean ownsVertx, Assembly parts, Listening listening) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.parts = parts;
    this.listening = listening;
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
    if (!config.store().standby()) {
      return start(vertx, ownsVertx, config, clock, metrics, dataDir, null);
    }
    // a standby answers on its port while it waits for the database, then starts as a restart does
    return Standby.serve(vertx, config, dataDir).compose(standby -> start(vertx, ownsVertx,
        config.withListener(config.listener().withPort(standby.port())), clock, metrics, dataDir, standby)
        .onFailure(e -> standby.stop()));
  }

  private static Future<Simulator> start(Vertx vertx, boolean ownsVertx, SimulatorConfig config, SimulatorClock clock,
                                         Metrics metrics, Path dataDir, Standby standby) {
    io.vertx.core.Context timerContext = vertx.getOrCreateContext();
    io.vertx.core.Context deliveryContext = vertx.getOrCreateContext();
    StartupTimes times = new StartupTimes();
    return Store.open(vertx, config.store(), config.journal().capacity(), config.intake().idempotencyCapacity(), dataDir)
        .onSuccess(x -> times.mark("store"))
        .compose(store -> Assembly.Saved.load(store)
            .onSuccess(x -> times.mark("saved state"))
            .compose(saved -> vertx.executeBlocking(() -> new Assembly(vertx, config, dataDir, clock, timerContext,
                deliveryContext, metrics, store, saved)))
            .onSuccess(x -> times.mark("PKI, catalogue and pack"))
            .compose(parts -> recover(parts).map(parts))
            .onSuccess(x -> times.mark("recovery"))
            .compose(parts -> (standby == null ? Future.<Void>succeededFuture() : tookOver(standby))
                // Netty's TLS check reads files and computes for a tenth of a second: off the event loop
                .compose(x -> vertx.executeBlocking(() -> {
                  NettyTlsProbe.runNow();
                  return null;
                }))
                .compose(x -> deploy(vertx, config, dataDir, parts.routes(), parts.connectionGuard))
                .onSuccess(x -> LOG.info("started: {}", times.mark("listener")))
                .map(listening -> new Simulator(vertx, ownsVertx, parts, listening)))
            .onFailure(e -> store.close()));
  }

  /** The standby's listener gives way to the full one, which opens on the same port next. */
  private static Future<Void> tookOver(Standby standby) {
    LOG.info("store: standby: this instance holds the database now; taking over on port {}", standby.port());
    return standby.stop();
  }

  /**
   * After a restart on a durable store: the scenario instances and their timers, then the
   * inbox the scripts had not handled, then the outbox's undelivered messages; all before the
   * listener opens, so nothing new overtakes what was owed.
   */
  private static Future<Void> recover(Assembly parts) {
    Store store = parts.store;
    if (!store.durable()) {
      return Future.succeededFuture();
    }
    return parts.engine.recover()
        .compose(r -> parts.delivery.recover().map(outbox -> {
          LOG.info("store: {}; recovered {} scenario instances into memory ({} dormant in the store), {} inbox entries"
              + " handled again ({} unreadable), {} outbox messages", store.description(), r.instances(), r.dormant(),
              r.replayed(), r.unreadable(), outbox);
          store.startRetention();
          return null;
        }));
  }

  /** The port served and the HTTPS verticles serving it (undeployed first at stop). */
  private record Listening(int port, List<String> deployments) {}

  /**
   * One HTTPS server per event loop on one port. Vert.x shares a listening socket between
   * servers asking for the same host and port, so for port 0 ("any free port") with several
   * loops a free port is picked first and every server asks for it.
   */
  private static Future<Listening> deploy(Vertx vertx, SimulatorConfig config, Path dataDir, List<Routes> routes,
                                           ConnectionGuard guard) {
    HttpsOptions.refuseClientRenegotiation();
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
    HttpsVerticle first = new HttpsVerticle(routes, HttpsOptions.of(config.listener(), dataDir, port), guard);
    return vertx.deployVerticle(first).compose(id -> {
      int actual = first.actualPort();
      if (loops <= 1) {
        return Future.succeededFuture(new Listening(actual, List.of(id)));
      }
      HttpServerOptions rest = HttpsOptions.of(config.listener(), dataDir, actual);
      return vertx.deployVerticle(() -> new HttpsVerticle(routes, rest, guard), new DeploymentOptions().setInstances(loops - 1))
          .map(more -> new Listening(actual, List.of(id, more)));
    });
  }

  /** The simulator's release, from the jar. */
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

  /**
   * Stops taking messages first (the listener closes), then sending (what is owed stays in the
   * outbox), then the outbound client, then the store, once everything queued is committed: a
   * clean stop loses nothing and refuses nothing it had half taken.
   */
  public Future<Void> stop() {
    vertx.cancelTimer(parts.liveStatsTimer);
    Future<Void> stopped = Future.succeededFuture();
    for (String id : listening.deployments()) {
      stopped = stopped.eventually(() -> vertx.undeploy(id));
    }
    Future<Void> closed = stopped.eventually(() -> parts.delivery.stop())
        .eventually(() -> parts.outbound.close())
        .eventually(() -> parts.timers.settle())
        .eventually(() -> parts.store.close());
    return ownsVertx ? closed.eventually(vertx::close) : closed;
  }

  // ---- the running instance, for whoever embeds it and looks inside ----

  public int port() {
    return listening.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public SimulatorConfig config() {
    return parts.config;
  }

  public Path dataDir() {
    return parts.dataDir;
  }

  public TestPki pki() {
    return parts.pki;
  }

  public TestPki.Outcome pkiOutcome() {
    return parts.pkiOutcome;
  }

  public AdminToken adminToken() {
    return parts.adminToken;
  }

  public Catalogue catalogue() {
    return parts.catalogue;
  }

  public Supplier<PartyRegistry> parties() {
    return parts.parties;
  }

  public Connections connections() {
    return parts.connections;
  }

  public Faults faults() {
    return parts.faults;
  }

  public SimulatorClock clock() {
    return parts.clock;
  }

  public TimerService timers() {
    return parts.timers;
  }

  public JournalStore journal() {
    return parts.journal;
  }

  public Store store() {
    return parts.store;
  }

  /** The listener's connections: how many are open, how many were closed for its limits. */
  public ConnectionGuard connectionGuard() {
    return parts.connectionGuard;
  }

  public Units units() {
    return parts.store.units();
  }

  /** The intake pipeline, for a test that drives it without HTTP (the fuzz test). */
  public Intake intake() {
    return parts.intake;
  }

  public Registrations registrations() {
    return parts.registrations;
  }

  public TestDataAllocator allocator() {
    return parts.allocator;
  }

  public ScenarioEngine engine() {
    return parts.engine;
  }

  public Router router() {
    return parts.router;
  }

  public WebhookDelivery delivery() {
    return parts.delivery;
  }

  public Subscriptions subscriptions() {
    return parts.subscriptions;
  }

  public MessageSigner signer() {
    return parts.signer;
  }

  public OutboundClient outbound() {
    return parts.outbound;
  }

  public Metrics metrics() {
    return parts.metrics;
  }

  /** The route groups the listener serves (each event loop mounts them on its own router). */
  public List<Routes> routes() {
    return parts.routes();
  }
}
