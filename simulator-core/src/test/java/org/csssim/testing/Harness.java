package org.csssim.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.party.Mode;
import org.csssim.internal.party.Party;
import org.csssim.internal.runtime.Simulator;

/**
 * A real simulator for a test: the PIT defaults on a loopback ephemeral port, a fresh data
 * directory (so its own test PKI), and an HTTPS client that trusts only that PKI's CA.
 */
public final class Harness implements AutoCloseable {
  public static final ObjectMapper JSON = org.csssim.internal.json.Json.MAPPER;

  public final Simulator sim;
  public final Path dataDir;
  private final io.vertx.core.Vertx clientVertx;
  private final HttpClientAgent client;

  private Harness(Simulator sim, Path dataDir, io.vertx.core.Vertx clientVertx, HttpClientAgent client) {
    this.sim = sim;
    this.dataDir = dataDir;
    this.clientVertx = clientVertx;
    this.client = client;
  }

  public static Harness start() throws Exception {
    return start(c -> c);
  }

  public static Harness start(UnaryOperator<SimulatorConfig> customize) throws Exception {
    return start(Files.createTempDirectory("css-sim-test"), customize);
  }

  /**
   * Where every simulator a test starts finds its clock: the Tuesday the tests' dates (supply
   * start dates, waits, key rotations) were written against. On the real clock they
   * went stale as the days passed: a supply start date of 14 December is refused from the 11th.
   * The clock runs on from here in real time, in the simulator's real mode; signatures, TLS and
   * certificates still use the wall clock.
   */
  public static final java.time.Instant EPOCH = java.time.Instant.parse("2026-12-01T09:00:00Z");

  /** A clock that reads {@link #EPOCH} now and runs on in real time. */
  public static org.csssim.internal.clock.SimulatorClock clock() {
    java.time.Clock wall = java.time.Clock.systemUTC();
    return new org.csssim.internal.clock.SimulatorClock(
        java.time.Clock.offset(wall, java.time.Duration.between(wall.instant(), EPOCH)));
  }

  /** PIT defaults with 1 event loop on an ephemeral port, then {@code customize}. */
  public static Harness start(Path dataDir, UnaryOperator<SimulatorConfig> customize) throws Exception {
    return start(dataDir, customize, clock());
  }

  /** As {@link #start(Path, UnaryOperator)}, on a clock of the test's. */
  public static Harness start(Path dataDir, UnaryOperator<SimulatorConfig> customize, org.csssim.internal.clock.SimulatorClock clock)
      throws Exception {
    SimulatorConfig base = ConfigLoader.loadEmbeddedPit(Map.of()).withDataDir(dataDir.toString());
    base = base.withListener(base.listener().withPort(0).withInstances(1).withHost("127.0.0.1"));
    Simulator sim = await(Simulator.start(customize.apply(base), clock));
    // The client runs on a Vert.x of its own with one event loop, like a separate system would.
    io.vertx.core.Vertx clientVertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    HttpClientAgent client = clientVertx.createHttpClient(clientOptions(dataDir), new PoolOptions().setHttp1MaxSize(4));
    return new Harness(sim, dataDir, clientVertx, client);
  }

  public static HttpClientOptions clientOptions(Path dataDir) {
    return new HttpClientOptions().setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(dataDir.resolve("pki/ca.crt").toString()));
  }

  /** Parties made physical, so they may send to the simulator's endpoints. */
  public static UnaryOperator<SimulatorConfig> physical(String... mpids) {
    List<String> names = List.of(mpids);
    return c -> c.withParties(c.parties().stream()
        .map(p -> names.contains(p.mpid()) ? p.withMode(Mode.physical) : p).toList());
  }

  public static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // A lost answer shows as idle threads; a blocked one shows where it is stuck.
      for (var t : Thread.getAllStackTraces().entrySet()) {
        System.err.println("THREAD " + t.getKey().getName() + " " + t.getKey().getState());
        for (var st : t.getValue()) {
          System.err.println("    at " + st);
        }
      }
      throw e;
    }
  }

  /** Waits up to 20 s for {@code condition}, for what happens across event loops or instances. */
  public static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Waits until the store's inbox is empty: every accepted message handled by its script, and
   * that turn committed (a turn commits its inbox entry's end after it ran).
   */
  public void inboxDrained(String what) throws InterruptedException {
    eventually(() -> {
      try {
        return await(sim.store().inbox().pending()).isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, what);
  }

  public String baseUrl() {
    return "https://localhost:" + sim.port();
  }

  public Party party(String mpid) {
    return sim.parties().get().party(mpid).orElseThrow();
  }

  /** An HTTP answer, body as text and as JSON where it is JSON. */
  public record Response(int status, Map<String, String> headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String firstErrorCode() {
      return json().getJsonArray("errors").getJsonObject(0).getString("code");
    }

    public List<String> errorCodes() {
      return json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("code")).toList();
    }

    public String firstErrorMessage() {
      return json().getJsonArray("errors").getJsonObject(0).getString("message");
    }

    public String firstPointer() {
      return json().getJsonArray("errors").getJsonObject(0).getString("pointer");
    }
  }

  public Response send(HttpMethod method, String uri, Map<String, String> headers, byte[] body) throws Exception {
    RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(baseUrl() + uri);
    headers.forEach(o::putHeader);
    // body() is attached inside the send callback, on the connection's event loop, before the
    // response can end; chained outside it, a fast response can end first and be lost.
    return await(client.request(o).compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(r -> r.body().map(b -> {
          Map<String, String> h = new LinkedHashMap<>();
          r.headers().forEach(e -> h.put(e.getKey().toLowerCase(), e.getValue()));
          return new Response(r.statusCode(), h, b.toString(StandardCharsets.UTF_8));
        }))));
  }

  /** POSTs {@code message} signed by {@code signer} in its configured profile. */
  public Response postSigned(String path, String message, String signer) throws Exception {
    MessageSigner.Signed s = sim.signer().sign(party(signer), message.getBytes(StandardCharsets.UTF_8));
    Map<String, String> headers = new LinkedHashMap<>(s.headers());
    headers.put("Content-Type", s.contentType());
    return send(HttpMethod.POST, path, headers, s.body());
  }

  public Response postSigned(String path, ObjectNode message) throws Exception {
    return postSigned(path, message.toString(), message.get("senderMpid").asText());
  }

  /** An admin API call with this instance's token. */
  public Response admin(HttpMethod method, String path, String jsonBody) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + sim.adminToken().value());
    if (jsonBody != null) {
      headers.put("Content-Type", "application/json");
    }
    return send(method, "/admin/v1" + path, headers, jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8));
  }

  public List<JournalEntry> journal(String eventId) throws Exception {
    return await(sim.journal().query(JournalQuery.byEventId(eventId)));
  }

  /** A valid SwitchRequest from {@code sender}. */
  public static ObjectNode switchRequest(String sender) {
    ObjectNode m = JSON.createObjectNode()
        .put("eventId", UUID.randomUUID().toString())
        .put("eventType", "SwitchRequest")
        .put("eventDate", "2026-11-22T10:15:30.123Z")
        .put("version", "1.0")
        .put("correlationId", UUID.randomUUID().toString())
        .put("senderMpid", sender)
        .put("senderRole", "Supplier");
    m.putObject("data").put("mpxn", "1200023305967").put("fuelType", "E").put("supplyStartDate", "2026-12-14")
        .put("supplierGeneratedReference", "REF-1").put("domesticPremisesInd", true).put("changeOfOccupancyInd", false);
    return m;
  }

  @Override
  public void close() throws Exception {
    await(client.close());
    await(clientVertx.close());
    await(sim.stop());
  }
}
