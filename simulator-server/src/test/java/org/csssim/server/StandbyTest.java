package org.csssim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.csssim.internal.store.StoreOptions;
import org.csssim.load.LoadCommand;
import org.csssim.load.LoadReport;
import org.csssim.load.LoadRun;
import org.csssim.testing.StoreKinds;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A hot standby on PostgreSQL: two simulator processes on one database and one data directory,
 * behind a TCP forwarder that sends each connection to the first that takes it (as a load
 * balancer would). The second waits as a standby; the first is killed with SIGKILL under
 * load; the standby takes over, and the load tool, whose retries reach it, reconciles every
 * message: nothing accepted is lost.
 */
class StandbyTest {
  @Test
  void aStandbyTakesOverWithinTenSecondsOfTheActiveDyingAndNothingAcceptedIsLost() throws Exception {
    String url = StoreKinds.postgresUrl();
    Assumptions.assumeTrue(url != null, "needs PostgreSQL (CSSSIM_TEST_POSTGRES; .ci/postgres starts one)");
    StoreKinds.config(StoreOptions.Kind.postgresql, true);   // a fresh database
    Path dir = Files.createTempDirectory("csssim-standby");
    Map<String, String> env = Map.of("SIMULATOR_STORE", "postgresql", "SIMULATOR_STORE_URL", url);
    int activePort = ServerProcess.freePort();
    int standbyPort = ServerProcess.freePort();
    Process active = ServerProcess.start(dir, activePort, env);
    Process standby = null;
    Vertx vertx = Vertx.vertx();
    try {
      standby = ServerProcess.start(dir, standbyPort, Map.of("SIMULATOR_STORE", "postgresql", "SIMULATOR_STORE_URL", url,
          "SIMULATOR_STORE_STANDBY", "true"));
      HttpResponse<String> waiting = get(dir, standbyPort, "/health");
      assertEquals(503, waiting.statusCode(), "a standby is not ready for traffic");
      assertTrue(waiting.body().contains("\"status\":\"STANDBY\""), waiting.body());
      HttpResponse<String> refused = get(dir, standbyPort, "/css/v1/switch-requests");
      assertEquals(503, refused.statusCode());
      assertTrue(refused.body().contains("INSTANCE_STANDBY") && refused.headers().firstValue("Retry-After").isPresent());

      int front = forwarder(vertx, activePort, standbyPort);
      long[] killedAt = {0};
      Process first = active;
      Runnable kill = () -> {
        first.destroyForcibly();   // SIGKILL: its lock on the database goes with its session
        killedAt[0] = System.nanoTime();
      };
      LoadCommand cmd = new LoadCommand();
      new CommandLine(cmd).parseArgs("--target", "https://localhost:" + front, "--data-dir", dir.toString(),
          "--profile", "steady", "--rate", "40", "--duration", "6s", "--mix", "SwitchRequest", "--progress", "0",
          "--quiet-timeout", "8s", "--advance-clock", "P35D");
      LoadReport report = new LoadRun(cmd.plan().withRestart(Duration.ofMillis(2500), kill),
          new PrintStream(new ByteArrayOutputStream())).run();

      assertEquals(137, active.waitFor(), "the active one was killed, not stopped");
      Matcher back = Pattern.compile("healthy again after ([0-9.]+) s").matcher(report.json().get("events").toString());
      assertTrue(back.find(), report.toText());
      double takeover = Double.parseDouble(back.group(1));
      System.out.printf("standby: took over %.1f s after the active instance was killed%n", takeover);
      assertTrue(takeover < 10, "took over within 10 s: " + takeover + " s");
      JsonNode rec = report.json().get("reconciliation");
      assertTrue(report.passed(), report.toText());
      assertEquals(0, rec.get("missing").asInt(), report.toText());
      assertEquals(0, rec.get("duplicates").asInt(), report.toText());
      assertEquals(rec.get("inputs").asInt(), rec.get("complete").asInt(), report.toText());
      assertTrue(rec.get("accepted").asInt() >= 200, "most of the 240 were accepted around the takeover: " + report.toText());
      assertTrue(get(dir, standbyPort, "/health").body().contains("\"status\":\"UP\""), "the standby is the active one now");
    } finally {
      active.destroyForcibly();
      if (standby != null) {
        standby.destroyForcibly();
        standby.waitFor(10, TimeUnit.SECONDS);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A loopback TCP forwarder: each connection goes to the first of the two ports that accepts it. */
  private static int forwarder(Vertx vertx, int first, int second) throws Exception {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      Future<NetSocket> out = client.connect(first, "127.0.0.1").recover(e -> client.connect(second, "127.0.0.1"));
      out.onSuccess(o -> {
        in.pipeTo(o);
        o.pipeTo(in);
        in.resume();
      }).onFailure(e -> in.close());
    });
    return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
  }

  private static HttpResponse<String> get(Path dir, int port, String path) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var ca = Files.newInputStream(dir.resolve("pki/ca.crt"))) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
