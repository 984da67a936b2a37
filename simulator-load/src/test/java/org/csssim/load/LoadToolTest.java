package org.csssim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.runtime.Simulator;
import org.csssim.internal.store.StoreOptions;
import org.csssim.testing.Harness;
import org.csssim.testing.StoreKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The load tool against a real simulator on loopback: signed messages over HTTPS, callbacks
 * to its own HTTPS receiver checked against the published keys, and a reconciliation that
 * passes when everything came once and fails (exit status 1) when the target loses or
 * repeats notifications, or restarts and forgets.
 */
class LoadToolTest {
  private static final ObjectMapper JSON = org.csssim.internal.json.Json.MAPPER;

  /** Runs {@code load} with its command line; answers the exit status and the JSON report. */
  private static Result load(Harness h, String... extra) throws Exception {
    Path report = Files.createTempFile("load-report", ".json");
    List<String> args = new ArrayList<>(List.of("--target", h.baseUrl(), "--data-dir", h.dataDir.toString(),
        "--progress", "0", "--quiet-timeout", "3s", "--report", report.toString()));
    args.addAll(List.of(extra));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exit;
    System.setOut(new PrintStream(stdout, true));
    System.setErr(new PrintStream(stderr, true));
    try {
      exit = new CommandLine(new LoadCommand()).execute(args.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Result(exit, Files.exists(report) && Files.size(report) > 0 ? JSON.readTree(report.toFile()) : null,
        stdout + stderr.toString(), stdout.toString());
  }

  /** {@code text} is everything printed; {@code stdout} what a pipeline reading standard output gets. */
  private record Result(int exit, JsonNode report, String text, String stdout) {}

  @Test
  void aFamilyTheToolDoesNotSpeakIsRefusedBeforeAnythingIsSent() throws Exception {
    try (Harness h = Harness.start()) {
      var all = new org.csssim.internal.journal.JournalQuery(null, null, null, null, null, null, null, 1000);
      int before = Harness.await(h.sim.journal().query(all)).size();
      Result r = load(h, "--config", "../samples/dip.yaml", "--count", "10");
      assertEquals(2, r.exit(), r.text());
      assertTrue(r.text().contains("signs with X-DIP-Signature headers and sends batch bodies")
          && r.text().contains("does not speak that family yet"), r.text());
      assertEquals(before, Harness.await(h.sim.journal().query(all)).size(), "nothing reached the target");
    }
  }

  @Test
  void wholeSwitchesAndInitialRegistrationsReconcileEndToEnd() throws Exception {
    try (Harness h = Harness.start()) {
      Result r = load(h, "--profile", "steady", "--rate", "60", "--duration", "3s", "--advance-clock", "P35D");
      assertEquals(0, r.exit(), r.text());
      JsonNode rec = r.report().get("reconciliation");
      assertTrue(rec.get("passed").asBoolean());
      assertEquals(180, rec.get("inputs").asInt());
      assertEquals(180, rec.get("complete").asInt());
      assertEquals(162 * 5 + 18 * 3, rec.get("callbacksReceived").asInt(), "every expected notification, once");
      JsonNode mix = r.report().get("mix");
      assertEquals(9, mix.get("SwitchRequest").asInt());
      // latency for the ack and for each kind of notification
      assertEquals(180, r.report().at("/run/ackLatencyMs/count").asInt());
      int inWindows = 0;
      for (JsonNode w : r.report().at("/run/windowsMs/windows")) {
        inWindows += w.get("answered").asInt();
      }
      assertEquals(180, inWindows, "every answer falls in one window of the soak view");
      JsonNode kinds = r.report().get("notificationLatencyMs");
      assertEquals(162, kinds.at("/RegistrationPendingNotification/count").asInt());
      assertEquals(180, kinds.at("/RegistrationConfirmedNotification (after clock)/count").asInt());
      assertTrue(r.text().contains("Reconciliation (classpath:load/reference-expectations.yaml): PASSED"), r.text());
      // whole flows: from the first message to the last notification they brought
      assertEquals(180, r.report().at("/flows/messages").asInt());
      assertTrue(r.report().at("/flows/secondsToLastNotification").asDouble() >= 2.9, r.report().toString());
      assertTrue(r.report().at("/flows/afterClockSecondsToLastNotification").asDouble() > 0, r.report().toString());
      // the simulator's own journal saw the same: every switch the tool sent was accepted
      assertEquals(162, h.sim.journal().query(new org.csssim.internal.journal.JournalQuery(null, null, null, null,
          "SwitchRequest", null, null, 1000)).toCompletionStage().toCompletableFuture().get().stream()
          .filter(e -> e.direction() == org.csssim.internal.journal.JournalEntry.Direction.IN).count());
      // the callback receiver is unregistered at the end
      assertEquals("[]", h.admin(HttpMethod.GET, "/webhooks", null).body());
    }
  }

  /**
   * With nothing expected back the tool has no keys to check callbacks with; registering a
   * webhook would have every callback refused and retried beside the load being measured.
   */
  @Test
  void expectingNothingRegistersNoWebhookAndTheNotificationsWaitInTheOutbox() throws Exception {
    try (Harness h = Harness.start()) {
      Result r = load(h, "--profile", "max", "--count", "50", "--mix", "SwitchRequest", "--expectations", "none");
      assertEquals(0, r.exit(), r.text());
      assertTrue(r.text().contains("Expecting nothing back: no webhook registered"), r.text());
      assertEquals(0, r.report().at("/reconciliation/callbacksReceived").asInt(), r.text());
      assertEquals(100, h.admin(HttpMethod.GET, "/outbox/SUPA", null).json().getJsonArray("messages").size(),
          "validation and pending for each switch, waiting");
    }
  }

  @Test
  void messagesAreDatedByTheTargetsClockAfterItMoved() throws Exception {
    try (Harness h = Harness.start()) {
      // a previous run moved the target 40 days on: a supply start date 21 days from the wall
      // clock's today would be in the target's past, and every switch rejected
      assertEquals(200, h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"P40D\"}").status());
      Result r = load(h, "--profile", "max", "--count", "30", "--mix", "SwitchRequest");
      assertEquals(0, r.exit(), r.text());
      assertTrue(r.text().contains("messages are dated by it"), r.text());
    }
  }

  @Test
  void droppedNotificationsFailTheReconciliationAndRedeliveriesAreCountedApart() throws Exception {
    try (Harness h = Harness.start()) {
      assertEquals(200, h.admin(HttpMethod.PUT, "/parties/SUPA/faults", "{\"dropRate\":0.2,\"duplicateRate\":0.2}").status());
      Result r = load(h, "--profile", "max", "--count", "150", "--mix", "SwitchRequest", "--json");
      assertEquals(1, r.exit(), r.text());
      // with --json, standard output is the report and nothing else, for a pipeline to read
      assertEquals(r.report(), JSON.readTree(r.stdout()));
      JsonNode rec = r.report().get("reconciliation");
      assertFalse(rec.get("passed").asBoolean());
      assertEquals(150, rec.get("accepted").asInt());
      assertTrue(rec.get("missing").asInt() > 0, rec.toString());
      assertTrue(rec.get("redelivered").asInt() > 0, "an injected duplicate is a redelivery: " + rec);
      assertEquals(0, rec.get("duplicates").asInt(), "a repeat of the same eventId is not a second notification: " + rec);
      assertTrue(r.report().at("/reconciliation/examples").toString().contains("missing"), r.text());
    }
  }

  @Test
  void rejectionsAreCountedByCodeAndFailTheRun() throws Exception {
    try (Harness h = Harness.start()) {
      Path template = Files.createTempFile("bad", ".json");
      Files.writeString(template, new org.csssim.internal.yaml.Location("classpath:samples/messages/SwitchRequest.json").read()
          .replace("\"{{date:+21}}\"", "\"next week\""));
      Result r = load(h, "--profile", "max", "--count", "20", "--mix", "SwitchRequest",
          "--template", "SwitchRequest=" + template);
      assertEquals(1, r.exit(), r.text());
      assertEquals(20, r.report().at("/run/errors/422 SCHEMA_FORMAT").asInt(), r.report().toString());
      assertEquals(20, r.report().at("/reconciliation/notAccepted").asInt());
    }
  }

  static java.util.stream.Stream<StoreOptions.Kind> stores() {
    return StoreKinds.all();
  }

  /**
   * The target stops and starts again in the middle of the load. In memory it forgets the
   * switches under way, and the reconciliation says what was lost; on a durable store every
   * accepted switch goes on through its timers to the last notification, and nothing is lost.
   */
  @ParameterizedTest
  @MethodSource("stores")
  void aRestartLosesNothingOnADurableStoreAndShowsWhatWasLostInMemory(StoreOptions.Kind kind) throws Exception {
    Path dir = Files.createTempDirectory("load-restart");
    StoreOptions store = StoreKinds.config(kind, true);
    SimulatorConfig base = ConfigLoader.loadEmbeddedPit(Map.of()).withDataDir(dir.toString()).withStore(store);
    base = base.withListener(base.listener().withPort(0).withInstances(1).withHost("127.0.0.1"));
    try (Harness h = Harness.start(dir, c -> c.withStore(store))) {
      SimulatorConfig samePort = base.withListener(base.listener().withPort(h.sim.port()));
      Simulator[] restarted = new Simulator[1];
      Runnable restart = () -> {
        try {
          Harness.await(h.sim.stop());
          restarted[0] = Harness.await(Simulator.start(samePort));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      LoadCommand cmd = new LoadCommand();
      new CommandLine(cmd).parseArgs("--target", h.baseUrl(), "--data-dir", dir.toString(), "--profile", "steady",
          "--rate", "40", "--duration", "4s", "--mix", "SwitchRequest", "--progress", "0", "--quiet-timeout", "3s",
          "--advance-clock", "P35D");
      LoadRun.Plan plan = cmd.plan().withRestart(Duration.ofSeconds(2), restart);
      try {
        LoadReport report = new LoadRun(plan, new PrintStream(new ByteArrayOutputStream())).run();
        JsonNode rec = report.json().get("reconciliation");
        assertTrue(report.json().get("events").toString().contains("restarting the target"), report.toText());
        assertTrue(report.json().get("events").toString().contains("healthy again"), report.toText());
        if (kind == StoreOptions.Kind.memory) {
          // the switches accepted before the restart were forgotten with the in-memory state, so
          // their later notifications never came; the ones after it found no test data
          assertFalse(report.passed(), report.toText());
          assertTrue(rec.get("missing").asInt() > 0, report.toText());
        } else {
          assertTrue(report.passed(), report.toText());
          assertEquals(0, rec.get("missing").asInt(), report.toText());
          assertEquals(0, rec.get("duplicates").asInt(), report.toText());
          assertEquals(rec.get("inputs").asInt(), rec.get("complete").asInt(), "every switch whole: " + report.toText());
        }
      } finally {
        if (restarted[0] != null) {
          Harness.await(restarted[0].stop());
        }
      }
    }
  }

  @Test
  void profilesOfferTheLoadTheySay() {
    assertEquals(3000, LoadProfile.steady(100, Duration.ofSeconds(30)).total());
    assertEquals(1500, LoadProfile.ramp(0, 100, Duration.ofSeconds(30)).total());
    LoadProfile peak = LoadProfile.peak(100, 300, 600, Duration.ofSeconds(100));
    assertEquals(100, peak.rateAt(10), 0.001);
    assertEquals(300, peak.rateAt(75), 0.001);
    assertEquals(600, peak.rateAt(85), 0.001);
    assertEquals(100, peak.rateAt(95), 0.001);
    assertTrue(peak.total() > 100 * 100 && peak.total() < 600 * 100);
    assertEquals(20, LoadProfile.closed(20).total());
    assertEquals("peak (0s:100/s, 5s:100/s, 7s:300/s, 7.8s:300/s, 8s:600/s, 8.8s:600/s, 9s:300/s, 9.0s:100/s, 10s:100/s)",
        LoadProfile.peak(100, 300, 600, Duration.ofSeconds(10)).toString());
    assertEquals(50 * 10 + (50 + 150) / 2 * 10, LoadProfile.shape("0:50,10:50,20:150").total());
    assertThrows(IllegalArgumentException.class, () -> LoadProfile.shape("0:50,0:60"));
    assertThrows(IllegalArgumentException.class, () -> LoadProfile.shape("5:50,10:60"));
  }

  @Test
  void expectationsRefuseWhatTheyDoNotUnderstand() {
    Expectations e = Expectations.parse("SwitchRequest:\n  expect:\n    - { type: A, data: { outcome: Validated } }\n"
        + "  afterClock:\n    - { type: B }\n", "test");
    assertEquals(1, e.of("SwitchRequest", false).size());
    assertEquals(2, e.of("SwitchRequest", true).size());
    var ex = assertThrows(IllegalArgumentException.class,
        () -> Expectations.parse("SwitchRequest:\n  expects:\n    - { type: A }\n", "file.yaml"));
    assertTrue(ex.getMessage().contains("file.yaml") && ex.getMessage().contains("expect and afterClock"), ex.getMessage());
    Expectations kinds = Expectations.parse("A:\n  meterPoints: unregistered\nB:\n  meterPoints: registered\nC: {}\n", "k");
    assertTrue(kinds.needsUnregistered("A"));
    assertFalse(kinds.needsUnregistered("B") || kinds.needsUnregistered("C"));
    assertThrows(IllegalArgumentException.class, () -> Expectations.parse("A:\n  meterPoints: some\n", "k"));
    assertThrows(IllegalArgumentException.class, () -> Expectations.parse("SwitchRequest:\n  expect:\n    - { typ: A }\n", "f"));
  }
}
