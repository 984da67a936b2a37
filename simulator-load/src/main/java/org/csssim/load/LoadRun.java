package org.csssim.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.message.MessageTemplate;
import org.csssim.internal.party.Party;

/**
 * One load run, start to end: test data from the target, every message rendered and signed
 * before the measured phase, a callback receiver registered for the party the run plays, an
 * optional warm-up, the profile, the wait for what is still on its way (with the clock
 * advanced past the supply start date if asked, so whole switches complete), and the
 * reconciliation. {@link LoadCommand} is its command line; tests drive it directly.
 */
public final class LoadRun {
  /** Everything a run needs to know. */
  public record Plan(String target, Path pkiDir, String adminToken, Party as, String cssMpid, Catalogue catalogue,
                     LoadProfile profile, int warmup, int maxInFlight, int connections, Map<String, Integer> mix,
                     String registeredTo, String fuelType, Map<String, List<String>> mpxns, Map<String, String> templates,
                     Expectations expectations, String advanceClock, Duration quietTimeout, String callbackHost,
                     int callbackPort, int retries, Duration restartAt, Runnable restart, Duration window, Duration progressEvery) {
    /** The same plan, restarting the target with {@code restart} at {@code at} (a test restarts one in its own process). */
    public Plan withRestart(Duration at, Runnable restart) {
      return new Plan(target, pkiDir, adminToken, as, cssMpid, catalogue, profile, warmup, maxInFlight, connections, mix,
          registeredTo, fuelType, mpxns, templates, expectations, advanceClock, quietTimeout, callbackHost, callbackPort,
          retries, at, restart, window, progressEvery);
    }
  }

  private final Plan plan;
  private final PrintStream out;

  public LoadRun(Plan plan, PrintStream out) {
    this.plan = plan;
    this.out = out;
  }

  /** Runs the plan and answers the report; the caller decides what a failed reconciliation means. */
  public LoadReport run() throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpClientOptions tls = new HttpClientOptions()
        .setTrustOptions(new PemTrustOptions().addCertPath(plan.pkiDir().resolve("ca.crt").toString())).setVerifyHost(true);
    HttpClientAgent client = vertx.createHttpClient(tls, new PoolOptions().setHttp1MaxSize(plan.connections()));
    // connections of its own: on the load's, a health check after a restart queued behind the
    // load's retries and said the target was back seconds after it was (StandbyTest: 16 s, not 7)
    HttpClientAgent adminClient = vertx.createHttpClient(tls, new PoolOptions().setHttp1MaxSize(2));
    TargetAdmin admin = new TargetAdmin(adminClient, plan.target(), plan.adminToken());
    CallbackReceiver receiver = null;
    String[] webhookId = {null};  // a restart may replace it
    try {
      admin.reach();   // before any work: a target nobody listens at is said at once, not as a thousand failures
      int total = Math.toIntExact(plan.warmup() + plan.profile().total());
      List<String> types = typeSequence(total);
      Map<String, List<String>> mpxns = testData(admin, types);
      out.printf("Rendering and signing %,d messages as %s (%s) before the run...%n", total, plan.as().mpid(),
          plan.as().signing().algorithm());
      Ledger ledger = new Ledger(prepare(types, mpxns, clockOf(admin)));

      // with nothing expected back (a bare server measured as a ceiling) there may be no keys to fetch
      Map<String, org.csssim.internal.jws.VerificationKey> keys = plan.expectations() == Expectations.NONE ? Map.of()
          : admin.keys(plan.cssMpid());
      receiver = new CallbackReceiver(ledger, plan.expectations(), keys);
      int port = receiver.start(vertx, plan.callbackHost(), plan.callbackPort(), plan.pkiDir().resolve("tls.crt").toString(),
          plan.pkiDir().resolve("tls.key").toString()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      String callbackUrl = "https://" + plan.callbackHost() + ":" + port + "/callbacks/" + plan.as().mpid();
      if (plan.expectations() == Expectations.NONE) {
        // nothing is expected back, and with no keys every callback would fail its check and be
        // retried: a storm of webhooks beside the load being measured. The notifications wait
        // in the target's outbox instead, as for any party with no webhook.
        out.println("Expecting nothing back: no webhook registered with the target");
      } else if (admin.hasToken()) {
        webhookId[0] = admin.registerWebhook(plan.as().mpid(), callbackUrl);
        out.println("Callbacks for " + plan.as().mpid() + " come to " + callbackUrl + " (registered with the target)");
      } else {
        out.println("Callbacks are received at " + callbackUrl + " (no admin token: register it with the target yourself)");
      }

      Injector injector = new Injector(vertx, client, plan.target(), plan.maxInFlight(), plan.retries());
      Injector.Stats warmStats = new Injector.Stats(plan.window().toNanos());
      if (plan.warmup() > 0) {
        out.printf("Warming up with %,d messages...%n", plan.warmup());
        await(injector.run(ledger.inputs.subList(0, plan.warmup()), LoadProfile.closed(plan.warmup()), warmStats));
      }
      List<Ledger.Input> measured = ledger.inputs.subList(plan.warmup(), total);
      Injector.Stats stats = new Injector.Stats(plan.window().toNanos());
      List<LoadReport.Event> events = new CopyOnWriteArrayList<>();
      out.println("Running " + plan.profile() + " against " + plan.target());
      Progress progress = new Progress(stats, ledger, measured.size(), out, plan.progressEvery());
      Thread restarter = plan.restart() == null ? null : restarter(admin, stats, events, webhookId,
          plan.as().mpid(), callbackUrl);
      progress.start();
      if (restarter != null) {
        restarter.start();
      }
      await(injector.run(measured, plan.profile(), stats));
      if (restarter != null) {
        restarter.join();
      }

      int expectedNow = expectedCallbacks(ledger, false);
      out.printf("All %,d answered; waiting for %,d callbacks...%n", measured.size(), expectedNow);
      waitForCallbacks(ledger, expectedNow);
      long clockAdvancedNanos = 0;
      boolean advanced = plan.advanceClock() != null && admin.hasToken();
      if (advanced) {
        out.println("Advancing the target's clock by " + plan.advanceClock() + "...");
        clockAdvancedNanos = System.nanoTime();
        admin.advanceClock(plan.advanceClock());
        waitForCallbacks(ledger, expectedCallbacks(ledger, true));
      }
      progress.stop();
      Reconciler.Result result = Reconciler.reconcile(ledger, plan.expectations(), advanced, clockAdvancedNanos,
          plan.warmup());
      return new LoadReport(plan, stats, warmStats, result, ledger.callbackCount(), clockAdvancedNanos, events);
    } finally {
      if (webhookId[0] != null) {
        try {
          admin.deleteWebhook(webhookId[0]);
        } catch (Exception e) {
          // the target may be gone (a resilience run); nothing to clean up then
        }
      }
      if (receiver != null) {
        receiver.stop();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Message types in sending order, interleaved by the mix's weights (smooth weighted round robin). */
  private List<String> typeSequence(int total) {
    List<String> names = new ArrayList<>(plan.mix().keySet());
    int[] weight = names.stream().mapToInt(plan.mix()::get).toArray();
    int sum = IntStream.of(weight).sum();
    int[] current = new int[weight.length];
    List<String> out = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      int best = 0;
      for (int t = 0; t < weight.length; t++) {
        current[t] += weight[t];
        if (current[t] > current[best]) {
          best = t;
        }
      }
      current[best] -= sum;
      out.add(names.get(best));
    }
    return out;
  }

  /** MPxNs per message type: given, or allocated (and made) by the target, or invented when neither. */
  private Map<String, List<String>> testData(TargetAdmin admin, List<String> types) throws Exception {
    Map<String, Integer> counts = new LinkedHashMap<>();
    types.forEach(t -> counts.merge(t, 1, Integer::sum));
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (var e : counts.entrySet()) {
      List<String> given = plan.mpxns().get(e.getKey());
      if (given != null) {
        if (given.size() < e.getValue()) {
          throw new IllegalArgumentException(e.getValue() + " " + e.getKey() + "s need as many MPxNs; the file gives " + given.size());
        }
        byType.put(e.getKey(), given);
      } else if (admin.hasToken()) {
        // which kind of meter point a type needs is the expectations file's to say
        String registeredTo = plan.expectations().needsUnregistered(e.getKey()) ? null : plan.registeredTo();
        byType.put(e.getKey(), admin.allocate(plan.as().mpid(), plan.fuelType(), e.getValue(), registeredTo));
        out.printf("Test data: %,d meter points (fuel %s, %s) for %s%n", e.getValue(), plan.fuelType(),
            registeredTo == null ? "no supplier" : "registered to " + registeredTo, e.getKey());
      } else {
        // invented, and distinct across types too
        int from = byType.values().stream().mapToInt(List::size).sum();
        byType.put(e.getKey(), IntStream.range(from, from + e.getValue()).mapToObj(MessageTemplate::mpanCore).toList());
      }
    }
    return byType;
  }

  /**
   * Messages are dated by the target's clock when it can be read: after a run that moved it
   * weeks ahead, dates from the wall clock would fall in the target's past.
   */
  private Clock clockOf(TargetAdmin admin) throws Exception {
    if (!admin.hasToken()) {
      return Clock.systemUTC();
    }
    java.time.Instant target = admin.clock();
    Duration ahead = Duration.between(java.time.Instant.now(), target);
    if (ahead.abs().compareTo(Duration.ofMinutes(1)) > 0) {
      out.println("The target's clock reads " + target + "; messages are dated by it");
    }
    return Clock.offset(Clock.systemUTC(), ahead);
  }

  private List<Ledger.Input> prepare(List<String> types, Map<String, List<String>> mpxns, Clock clock) {
    Map<String, MessageTemplate> templates = new LinkedHashMap<>();
    Map<String, String> paths = new LinkedHashMap<>();
    for (String type : plan.mix().keySet()) {
      templates.put(type, new MessageTemplate(plan.templates().get(type), clock));
      paths.put(type, plan.catalogue().type(type).orElseThrow(() ->
          new IllegalArgumentException("the catalogue has no message type " + type)).spec().path());
    }
    int[] position = new int[types.size()];
    Map<String, Integer> next = new LinkedHashMap<>();
    for (int i = 0; i < types.size(); i++) {
      position[i] = next.merge(types.get(i), 1, Integer::sum) - 1;
    }
    MessageSigner signer = new MessageSigner();
    // signing is the costly part: both cores, before anything is measured
    return IntStream.range(0, types.size()).parallel().mapToObj(i -> {
      String type = types.get(i);
      String mpxn = mpxns.get(type).get(position[i]);
      MessageTemplate.Rendered r = templates.get(type).render(i, Map.of("mpxn", mpxn, "fuelType", plan.fuelType(),
          "sender", plan.as().mpid()));
      return new Ledger.Input(i, type, paths.get(type), mpxn, r.eventId(), r.correlationId(),
          signer.sign(plan.as(), r.json().getBytes(StandardCharsets.UTF_8)));
    }).toList();
  }

  private int expectedCallbacks(Ledger ledger, boolean withClock) {
    return ledger.inputs.stream().filter(Ledger.Input::accepted)
        .mapToInt(i -> plan.expectations().of(i.type, withClock).size()).sum();
  }

  /** Until the expected number arrived (then a second more, for duplicates), or nothing new came for the quiet timeout. */
  private void waitForCallbacks(Ledger ledger, long expected) throws InterruptedException {
    long last = ledger.callbackCount();
    long lastChange = System.nanoTime();
    while (ledger.callbackCount() < expected) {
      Thread.sleep(50);
      long now = ledger.callbackCount();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > plan.quietTimeout().toNanos()) {
        out.printf("Nothing new for %s; %,d of %,d expected callbacks came%n", plan.quietTimeout(), now, expected);
        return;
      }
    }
    Thread.sleep(1000);
  }

  /**
   * Resilience: restarts the target once, at the planned moment, waits until it is healthy and
   * re-registers the callback receiver if the target forgot it. What the restart cost shows in
   * the reconciliation, not here.
   */
  private Thread restarter(TargetAdmin admin, Injector.Stats stats, List<LoadReport.Event> events, String[] webhookId,
                           String mpid, String callbackUrl) {
    Thread t = new Thread(() -> {
      try {
        long at = plan.restartAt().toNanos();
        while (stats.startNanos == 0 || System.nanoTime() - stats.startNanos < at) {
          Thread.sleep(10);
        }
        long begin = System.nanoTime();
        events.add(new LoadReport.Event(seconds(stats, begin), "restarting the target"));
        out.println("Restarting the target...");
        plan.restart().run();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!admin.healthy() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        events.add(new LoadReport.Event(seconds(stats, System.nanoTime()), String.format(
            "the target is %s again after %.1f s", admin.healthy() ? "healthy" : "still not healthy", (System.nanoTime() - begin) / 1e9)));
        if (webhookId[0] != null && admin.hasToken() && !admin.webhookExists(webhookId[0])) {
          webhookId[0] = admin.registerWebhook(mpid, callbackUrl);
          events.add(new LoadReport.Event(seconds(stats, System.nanoTime()),
              "the target had forgotten the callback webhook; registered it again"));
        }
      } catch (Exception e) {
        events.add(new LoadReport.Event(seconds(stats, System.nanoTime()), "the restart failed: " + e.getMessage()));
      }
    }, "load-restart");
    t.setDaemon(true);
    return t;
  }

  private static double seconds(Injector.Stats stats, long nanos) {
    return (nanos - stats.startNanos) / 1e9;
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(24, TimeUnit.HOURS);
  }
}
