package org.csssim;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.csssim.internal.admin.AdminOptions;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.delivery.Subscription;
import org.csssim.internal.error.Problem;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.party.Party;
import org.csssim.internal.pki.Pem;
import org.csssim.internal.registration.TestDataAllocator;
import org.csssim.internal.runtime.Simulator;
import org.csssim.internal.scenario.ScenarioOptions;
import org.csssim.internal.store.StoreOptions;

/**
 * A CSS Simulator running in this process, for a test suite that embeds it as it would embed
 * WireMock: on a free port of the loopback interface, over real HTTPS with its own test PKI, in
 * a directory of its own. Start one with {@link #builder()}; everything here blocks until done
 * (each call at most {@value #TIMEOUT_SECONDS} s, a clock move at most ten minutes), so a test
 * reads top to bottom.
 *
 * <pre>{@code
 * try (CssSimulator css = CssSimulator.builder().start()) {
 *   HttpClient client = HttpClient.newBuilder().sslContext(css.sslContext()).build();
 *   String signature = css.sign("SUPA", body);          // the X-JWS-Signature value
 *   ... POST body to css.baseUrl().resolve("/css/v1/switch-requests") ...
 *   JournalRecord pending = css.awaitNotification("RegistrationPendingNotification", correlationId,
 *       Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class CssSimulator implements AutoCloseable {
  static final int TIMEOUT_SECONDS = 60;

  /** Where the simulator keeps its state. */
  public enum Store {
    /** In heap, gone at close: the default for tests. */
    MEMORY,
    /** An H2 file in the data directory, kept across restarts on the same directory. */
    EMBEDDED,
    /** A PostgreSQL database at {@link Builder#storeUrl(String)}. */
    POSTGRESQL
  }

  private final Simulator sim;
  private final SimulatedClock clock;
  private volatile SSLContext sslContext;

  private CssSimulator(Simulator sim) {
    this.sim = sim;
    this.clock = new Clock();
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- where it is and how to reach it ----

  /** {@code https://localhost:<port>}: the CSS API, the admin API, the dashboard and the PKI endpoints. */
  public URI baseUrl() {
    return URI.create("https://localhost:" + sim.port());
  }

  public int port() {
    return sim.port();
  }

  /** The data directory: the test PKI under {@code pki/}, the admin token, an embedded store. */
  public Path dataDirectory() {
    return sim.dataDir();
  }

  /** The test CA's certificate: trust it for the simulator's TLS certificate and every party's. */
  public Path trustAnchor() {
    return sim.pki().caCertificate();
  }

  /** A TLS context that trusts the test CA, for an HTTPS client ({@code HttpClient.newBuilder().sslContext(...)}). */
  public SSLContext sslContext() {
    SSLContext c = sslContext;
    if (c == null) {
      c = trusting(read(trustAnchor()));
      sslContext = c;
    }
    return c;
  }

  /** The admin API's bearer token. */
  public String adminToken() {
    return sim.adminToken().value();
  }

  // ---- keys and signatures ----

  /** The signing identity of party {@code mpid} (SUPA is the user's system in the PIT defaults). */
  public PartyKey party(String mpid) {
    Party p = partyOf(mpid);
    Path key = sim.dataDir().resolve("pki/parties/" + mpid + ".key");
    Path cert = sim.dataDir().resolve("pki/parties/" + mpid + ".crt");
    X509Certificate certificate = p.keys().stream().filter(k -> k.kid().equals(p.signingKid())).findFirst()
        .orElseThrow().certificate();
    return new PartyKey(mpid, p.signingKid(), p.signing().algorithm(), p.signingKey(), certificate, key, cert);
  }

  /**
   * A detached JWS (RFC 7515 appendix F) over {@code body}, signed as {@code mpid}: the value
   * of the {@code X-JWS-Signature} header that goes with those exact bytes.
   */
  public String sign(String mpid, byte[] body) {
    return sim.signer().detached(partyOf(mpid), body);
  }

  /** A TLS server certificate from the test CA for {@code hosts} (names or IP literals), for a webhook receiver. */
  public ServerCertificate serverCertificate(String... hosts) {
    List<String> names = hosts.length == 0 ? List.of("localhost", "127.0.0.1") : List.of(hosts);
    String file = "server-" + UUID.randomUUID();
    try {
      X509Certificate cert = sim.pki().issueServer(file, names);
      var key = Pem.readPrivateKey(sim.pki().serverKey(file));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", key, new char[0], new java.security.cert.Certificate[] {cert, read(trustAnchor())});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return new ServerCertificate(cert, key, sim.pki().serverCertificate(file), sim.pki().serverKey(file), ctx);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a TLS context for the server certificate", e);
    }
  }

  // ---- the clock ----

  /** The simulated clock every scenario's timers run on. */
  public SimulatedClock clock() {
    return clock;
  }

  private final class Clock implements SimulatedClock {
    @Override
    public Instant now() {
      return sim.clock().instant();
    }

    @Override
    public Instant advance(Duration by) {
      return moved(sim.timers().advance(by));
    }

    @Override
    public Instant set(Instant instant) {
      return moved(sim.timers().set(instant));
    }

    @Override
    public Instant speed(double speed) {
      return moved(sim.timers().speed(speed));
    }

    @Override
    public Instant reset() {
      return moved(sim.timers().reset());
    }

    private Instant moved(Future<Instant> f) {
      return await(f, TimeUnit.MINUTES.toSeconds(10));
    }
  }

  // ---- webhooks and test data ----

  /**
   * Delivers {@code mpid}'s messages of {@code eventTypes} (all, when none are named) to
   * {@code url}, signed by their senders, as {@code POST /admin/v1/webhooks} does; answers the
   * webhook's id. The receiver must present a certificate the test CA issued
   * ({@link #serverCertificate}).
   */
  public String registerWebhook(String mpid, URI url, String... eventTypes) {
    partyOf(mpid);
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
      throw new IllegalArgumentException("a webhook URL is https:// (or http://), not " + url);
    }
    for (String t : eventTypes) {
      if (!"*".equals(t) && sim.catalogue().type(t).isEmpty()) {
        throw new IllegalArgumentException("no event type " + t + " in the catalogue");
      }
    }
    Subscription s = new Subscription(UUID.randomUUID().toString(), mpid, url.toString(), Set.of(eventTypes),
        sim.clock().instant(), "embedder");
    sim.subscriptions().add(s, "embedder", "registered by the test");
    return s.id();
  }

  public void removeWebhook(String id) {
    if (sim.subscriptions().remove(id, sim.clock().instant(), "embedder", "removed by the test").isEmpty()) {
      throw new IllegalArgumentException("no webhook " + id);
    }
  }

  /**
   * {@code count} meter points of {@code fuelType} ("E" or "G") registered to {@code registeredTo}
   * (a supplier, or null for any), never handed out before in this data set, for
   * {@code forMpid}; made when the seed has too few, as {@code POST /admin/v1/test-data/allocations}
   * with {@code create} does.
   */
  public List<String> allocateMeterPoints(String forMpid, String fuelType, int count, String registeredTo) {
    return allocateMeterPoints(forMpid, fuelType, count, registeredTo, Map.of());
  }

  /**
   * As {@link #allocateMeterPoints(String, String, int, String)}, of meter points {@code having}
   * these attributes of the scenario pack's seed (in the reference pack, {@code objection}:
   * {@code none}, {@code objects} or {@code objectsThenWithdraws} says what their losing
   * supplier does; {@code smart}: true or false).
   */
  public List<String> allocateMeterPoints(String forMpid, String fuelType, int count, String registeredTo,
                                          Map<String, ?> having) {
    return allocate(new TestDataAllocator.Request(forMpid, fuelType, count, registeredTo, false, true, null,
        Map.copyOf(having)));
  }

  /** Meter points with no supplier yet, for initial registrations. */
  public List<String> allocateUnregistered(String forMpid, String fuelType, int count) {
    return allocate(new TestDataAllocator.Request(forMpid, fuelType, count, null, true, true, null, Map.of()));
  }

  private List<String> allocate(TestDataAllocator.Request request) {
    try {
      return await(sim.allocator().allocate(request)).mpxns();
    } catch (TestDataAllocator.Exhausted e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  // ---- the journal ----

  /** Every message of one flow (a correlationId), oldest first. */
  public List<JournalRecord> journal(String correlationId) {
    return query(new JournalQuery(null, correlationId, null, null, null, null, null, 10_000));
  }

  /** What happened to one message: its arrival or sending, and every delivery attempt. */
  public List<JournalRecord> journalOfEvent(String eventId) {
    return query(JournalQuery.byEventId(eventId));
  }

  /**
   * Waits until the simulator has sent a message of {@code eventType} in the flow
   * {@code correlationId} (to any party), and answers it; fails with what the flow holds so far
   * when none comes within {@code timeout}.
   */
  public JournalRecord awaitNotification(String eventType, String correlationId, Duration timeout) {
    return awaitNotification(eventType, correlationId, null, timeout);
  }

  /** As {@link #awaitNotification(String, String, Duration)}, for one recipient ({@code to}; null: any). */
  public JournalRecord awaitNotification(String eventType, String correlationId, String to, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    List<JournalRecord> flow;
    do {
      flow = journal(correlationId);
      for (JournalRecord r : flow) {
        if ("OUT".equals(r.direction()) && eventType.equals(r.eventType()) && (to == null || to.equals(r.to()))
            && ("QUEUED".equals(r.outcome()) || "DELIVERED".equals(r.outcome()))) {
          return r;
        }
      }
      sleep();
    } while (System.nanoTime() < end);
    throw new AssertionError("no " + eventType + (to == null ? "" : " to " + to) + " in flow " + correlationId
        + " within " + timeout + "; the flow holds: " + flow.stream()
        .map(r -> r.direction() + " " + r.eventType() + " " + r.from() + "->" + r.to() + " " + r.outcome()).toList());
  }

  private List<JournalRecord> query(JournalQuery q) {
    List<JournalRecord> out = new ArrayList<>();
    for (JournalEntry e : await(sim.journal().query(q))) {
      out.add(new JournalRecord(e.seq(), e.at(), e.direction().name(), e.eventId(), e.eventType(), e.correlationId(),
          e.senderMpid(), e.recipientMpid(), e.status(), e.outcome().name(), e.errors().stream().map(Problem::code).toList(),
          e.body()));
    }
    return out;
  }

  // ---- stopping ----

  /** Stops taking messages, commits what is queued and stops; the data directory stays. */
  @Override
  public void close() {
    await(sim.stop(), TIMEOUT_SECONDS);
  }

  // ---- helpers ----

  private Party partyOf(String mpid) {
    Party p = sim.parties().get().party(Objects.requireNonNull(mpid, "mpid")).orElseThrow(() ->
        new IllegalArgumentException("no party " + mpid + " in this simulator"));
    if (p.signingKey() == null) {
      throw new IllegalArgumentException("the simulator has no signing key for " + mpid);
    }
    return p;
  }

  private static void sleep() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  private static <T> T await(Future<T> f) {
    return await(f, TIMEOUT_SECONDS);
  }

  private static <T> T await(Future<T> f, long seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the simulator did not answer within " + seconds + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the simulator", e);
    }
  }

  private static X509Certificate read(Path pem) {
    try {
      return Pem.readCertificate(pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SSLContext trusting(X509Certificate ca) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("css-simulator-test-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a TLS context trusting the test CA", e);
    }
  }

  /**
   * How to start one. Unless told otherwise: the PIT defaults (CSS simulated, SUPA the user's
   * physical system, the other parties simulated), a new temporary data directory (so a fresh
   * test PKI), a free port on 127.0.0.1, one event loop, the memory store. The environment's
   * {@code SIMULATOR_*} overrides are not read: a test starts what it says.
   */
  public static final class Builder {
    private Path config;
    private Path dataDirectory;
    private int port;
    private Store store = Store.MEMORY;
    private String storeUrl;
    private Path scenarioPack;
    private Path catalogue;
    private String adminToken;
    private Instant clockAt;

    private Builder() {}

    /** A configuration file instead of the PIT defaults (its parties, catalogue, pack). */
    public Builder config(Path file) {
      this.config = file;
      return this;
    }

    /** Where the test PKI, the admin token and an embedded store live (default: a new temporary directory). */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = dir;
      return this;
    }

    /** The HTTPS port (default 0: any free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    /** The PostgreSQL database of {@link Store#POSTGRESQL}: {@code postgresql://user@host:port/database}. */
    public Builder storeUrl(String url) {
      this.storeUrl = url;
      return this;
    }

    /** A scenario pack's manifest instead of the configuration's. */
    public Builder scenarioPack(Path manifest) {
      this.scenarioPack = manifest;
      return this;
    }

    /** A catalogue file instead of the configuration's. */
    public Builder catalogue(Path file) {
      this.catalogue = file;
      return this;
    }

    /** The admin API's token (at least 16 characters; default: generated). */
    public Builder adminToken(String token) {
      this.adminToken = token;
      return this;
    }

    /** The simulated clock starts at {@code instant} (default: now). */
    public Builder clockAt(Instant instant) {
      this.clockAt = instant;
      return this;
    }

    /** Starts it; fails with the reason (a configuration error names file:line). */
    public CssSimulator start() {
      SimulatorConfig c = config == null ? ConfigLoader.loadEmbeddedPit(Map.of()) : ConfigLoader.load(config, Map.of());
      try {
        Path dir = dataDirectory != null ? dataDirectory : Files.createTempDirectory("css-simulator");
        c = c.withDataDir(dir.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a data directory", e);
      }
      c = c.withListener(c.listener().withHost("127.0.0.1").withPort(port).withInstances(1));
      c = c.withStore(switch (store) {
        case MEMORY -> StoreOptions.memory();
        case EMBEDDED -> StoreOptions.of(StoreOptions.Kind.embedded, null);
        case POSTGRESQL -> StoreOptions.of(StoreOptions.Kind.postgresql, storeUrl);
      });
      if (scenarioPack != null) {
        c = c.withScenarios(new ScenarioOptions(scenarioPack.toAbsolutePath().toString()));
      }
      if (catalogue != null) {
        c = c.withCatalogue(catalogue.toAbsolutePath().toString());
      }
      if (adminToken != null) {
        c = c.withAdmin(new AdminOptions(adminToken));
      }
      CssSimulator css = new CssSimulator(await(Simulator.start(c)));
      if (clockAt != null) {
        css.clock().set(clockAt);
      }
      return css;
    }
  }
}
